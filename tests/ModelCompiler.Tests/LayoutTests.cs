namespace ModelCompiler.Tests;

public class LayoutTests
{
    [Fact]
    public void ModelAttributeKeepsItsFormula() => Assert.Equal("a*x", new ModelAttribute("a*x").Formula);
}
