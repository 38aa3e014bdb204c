using ModelCompiler.ModelFit;

namespace ModelFit.Tests;

/// <summary>Where the tool keeps compiled formulas, from the environment.</summary>
public class FormulaCacheLocationTests
{
    private static string? From(params (string Name, string Value)[] variables) =>
        FormulaCacheLocation.From(name => variables.FirstOrDefault(v => v.Name == name).Value);

    [Fact]
    public void ModelfitCacheNamesTheDirectoryOrTurnsItOff()
    {
        Assert.Equal("/data/formulas", From(("MODELFIT_CACHE", "/data/formulas"), ("XDG_CACHE_HOME", "/xdg")));
        Assert.Null(From(("MODELFIT_CACHE", "off"), ("XDG_CACHE_HOME", "/xdg")));
        Assert.Null(From(("MODELFIT_CACHE", "OFF")));
    }

    [Fact]
    public void OtherwiseTheUsersCacheDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "modelfit", "formulas"), From());
            return;
        }
        Assert.Equal(Path.Combine("/xdg", "modelfit", "formulas"), From(("XDG_CACHE_HOME", "/xdg"), ("MODELFIT_CACHE", " ")));
        // A relative XDG_CACHE_HOME is ignored, as the XDG specification says.
        string home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "modelfit", "formulas");
        Assert.Equal(home, From(("XDG_CACHE_HOME", "relative/cache")));
        Assert.Equal(home, From());
    }
}
