// SPDX-License-Identifier: MIT

namespace ModelCompiler.Generators;

/// <summary>Every diagnostic the model generator reports, in one table.</summary>
internal static class Diagnostics
{
    private const string Formula = "ModelCompiler.Formula";
    private const string Shape = "ModelCompiler.Shape";

    private static DiagnosticDescriptorData Error(string id, string title, string message, string category) =>
        new(id, title, message, category, Severity.Error);

    public static DiagnosticDescriptorData FormulaSyntax { get; } = Error("MC0001",
        "Formula could not be parsed", "Formula error: {0}", Formula);

    public static DiagnosticDescriptorData UnknownName { get; } = Error("MC0002",
        "Unknown name in formula", "'{0}' is not a variable, a parameter or a constant of this model: {1}", Formula);

    public static DiagnosticDescriptorData UnknownFunction { get; } = Error("MC0003",
        "Unsupported function in formula", "'{0}' is not a supported function: {1}", Formula);

    public static DiagnosticDescriptorData WrongArgumentCount { get; } = Error("MC0004",
        "Wrong number of arguments", "Wrong number of arguments: {1}", Formula);

    public static DiagnosticDescriptorData UnsupportedConstruct { get; } = Error("MC0005",
        "Construct cannot be compiled into a model", "{0} cannot be compiled into a model: {1}", Formula);

    public static DiagnosticDescriptorData NotStatic { get; } = Error("MC0006",
        "Model method must be static", "Model method '{0}' must be static: add the 'static' modifier", Shape);

    public static DiagnosticDescriptorData NotPartial { get; } = Error("MC0007",
        "Formula in the attribute needs a partial declaration",
        "Model method '{0}' has its formula in [Model(...)], so it must be declared 'static partial' without a body; the generator writes the body", Shape);

    public static DiagnosticDescriptorData NoFormula { get; } = Error("MC0008",
        "Model has no formula",
        "Model method '{0}' has no formula: give one as [Model(\"...\")] on a partial declaration, or write the formula as the method's body", Shape);

    public static DiagnosticDescriptorData NotDouble { get; } = Error("MC0009",
        "Model signature must be all double",
        "{0} of model method '{1}' must be a plain 'double'{2}", Shape);

    public static DiagnosticDescriptorData NoFittedParameter { get; } = Error("MC0010",
        "Model has nothing to fit",
        "Model method '{0}' has no fitted parameter: after the independent variable{1} ({2}) add at least one double parameter to fit", Shape);

    public static DiagnosticDescriptorData ContainingTypeNotPartial { get; } = Error("MC0011",
        "Containing type must be partial",
        "Type '{0}' must be declared 'partial' so the generator can add '{1}' to it", Shape);

    public static DiagnosticDescriptorData DuplicateName { get; } = Error("MC0012",
        "Duplicate name", "{0}", Shape);

    public static DiagnosticDescriptorData UnusedParameter { get; } = new("MC0013",
        "Fitted parameter not used", "Parameter '{0}' is never used by the formula of '{1}': its Jacobian column is zero and a fit cannot determine it; remove it or use it",
        Formula, Severity.Warning);

    public static DiagnosticDescriptorData SameColumn { get; } = new("MC0036",
        "Parameters act only through one combination",
        "Parameters '{0}' and '{1}' of '{2}' have Jacobian columns that are {3}: the formula depends on them only through {4}, which a fit cannot separate; keep one of them",
        Formula, Severity.Warning);

    public static DiagnosticDescriptorData NonDifferentiable { get; } = new("MC0014",
        "Function not differentiable everywhere", "'{0}' is not differentiable everywhere: {1}",
        Formula, Severity.Info);

    public static DiagnosticDescriptorData VariableNotLeading { get; } = Error("MC0015",
        "Variables must come first",
        "Parameter '{0}' is marked [Variable] but follows the fitted parameter '{1}': independent variables must be the leading parameters", Shape);

    public static DiagnosticDescriptorData NotFinite { get; } = Error("MC0022",
        "Constant part of the formula is not finite",
        "'{0}' is {1} whatever the data and parameters, so the model cannot be finite where it is used: correct this constant part of the formula", Formula);

    public static DiagnosticDescriptorData DivideByZero { get; } = Error("MC0023",
        "Division by zero",
        "The divisor '{0}' is 0 whatever the data and parameters: the formula divides by zero wherever it is evaluated", Formula);

    public static DiagnosticDescriptorData UnusedVariable { get; } = new("MC0024",
        "Variable not used", "The formula of '{1}' never uses its variable '{0}': the model has the same value at every point; check the formula",
        Formula, Severity.Warning);

    public static DiagnosticDescriptorData ModelNotAMethod { get; } = Error("MC0025",
        "Model must be a method of a type",
        "[Model] on {0} has no effect: a model must be a static method of a partial class, struct or record, where the generator can add its model type", Shape);

    public static DiagnosticDescriptorData PrivateModel { get; } = new("MC0026",
        "Model type is private",
        "Model method '{0}' is private, so its generated type '{1}' is private too and only '{2}' can use it: declare the method internal or public to use {1} elsewhere",
        Shape, Severity.Warning);

    public static DiagnosticDescriptorData MixtureWithoutModel { get; } = Error("MC0027",
        "[MixtureModel] needs [Model]",
        "[MixtureModel] on '{0}' has no effect without [Model] on the same method: add [Model] (or [Model(\"…\")]) to define the regression function", Shape);

    public static DiagnosticDescriptorData LanguageVersionTooLow { get; } = Error("MC0028",
        "C# 11 or later is needed",
        "The code generated for [Model] methods needs C# {0} or later (it implements static abstract interface members), but this project uses C# {1}: set <LangVersion> to {0} or later, or remove it to use the SDK's default",
        Shape);

    public static DiagnosticDescriptorData MixtureComponents { get; } = Error("MC0020",
        "Mixture needs at least one component",
        "Mixture of '{0}' has Components = {1}: a mixture needs at least one component; set Components to 1 or more", Shape);

    public static DiagnosticDescriptorData MixtureNoise { get; } = Error("MC0021",
        "Unknown mixture noise",
        "Mixture of '{0}' has Noise = {1}, which is neither Noise.Gaussian nor Noise.Laplace", Shape);

    public static DiagnosticDescriptorData HiddenFrameworkType { get; } = Error("MC0029",
        "A declaration hides a type the generated code uses",
        "'{0}' hides {1}, which the code generated for '{2}' uses: rename it, or declare the model in another type or namespace", Shape);

    // ---- Limits of the run-time compiler (ModelCompiler.Formulas): a formula from an untrusted source is data whose work is bounded ----

    public static DiagnosticDescriptorData FormulaTooLong { get; } = Error("MC0030",
        "Formula too long",
        "The formula has {0} characters, more than the limit of {1} (FormulaLimits.MaxLength)", Formula);

    public static DiagnosticDescriptorData FormulaTooDeep { get; } = Error("MC0031",
        "Formula nested too deeply",
        "{0} (FormulaLimits.MaxNestingDepth)", Formula);

    public static DiagnosticDescriptorData NameTooLong { get; } = Error("MC0037",
        "Name too long",
        "The name '{0}' has {1} characters, more than {2}, the longest a compiled model's variable or parameter may have", Formula);

    public static DiagnosticDescriptorData TooManyParameters { get; } = Error("MC0032",
        "Too many parameters",
        "The model has {0} parameters, more than the limit of {1} (FormulaLimits.MaxParameters)", Formula);

    public static DiagnosticDescriptorData GraphTooLarge { get; } = Error("MC0033",
        "Formula too large to differentiate",
        "The formula and its derivatives need more than {0} distinct symbolic nodes (FormulaLimits.MaxGraphNodes): simplify it or raise the limit", Formula);

    public static DiagnosticDescriptorData CompileTimeExceeded { get; } = Error("MC0034",
        "Compiling the formula took too long",
        "Compiling the formula took longer than {0} (FormulaLimits.CompileTimeout) and was stopped", Formula);

    public static DiagnosticDescriptorData NoParameters { get; } = Error("MC0035",
        "Formula has nothing to fit",
        "The formula has no parameter to fit: every name in it is a variable ({0}), a constant or a function; add a parameter such as 'a*{1}'", Formula);

    public static DiagnosticDescriptorData InternalError { get; } = Error("MC9999",
        "Model generator failed",
        "The model generator failed on '{0}' ({1}); please report this with the formula", Shape);
}
