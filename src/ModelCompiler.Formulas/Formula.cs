// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// Compiles formulas known only at run time into model types, with the source generator's symbolic core: the same
/// parser, checks and diagnostics, the same emitted kernels (value, Jacobian, normal equations, lanes), compiled in
/// memory by Roslyn and loaded into a collectible context. The result is accepted by every solver as a generated
/// type is: <c>CurveFit.Fit(model, x, y, initial)</c>.
/// </summary>
/// <remarks>
/// A formula is data, never code: the emitted C# holds only the identifiers and numbers the formula parser produced
/// and the formula text as an escaped string literal, compiled without preprocessor symbols or unsafe code against the
/// few assemblies the kernels need. <see cref="FormulaLimits"/> bounds the work. Compiled models are cached:
/// the same formula, names, kind and limits return the same instance; the cache keeps the <see cref="CacheCapacity"/>
/// most recently used.
/// </remarks>
public static class Formula
{
    /// <summary>How many compiled formulas the cache keeps (the most recently used), models and mixtures each.</summary>
    public const int CacheCapacity = 256;

    private static volatile string? _cacheDirectory;

    /// <summary>
    /// A directory where compiled formulas are kept for later processes, or null (the default) to keep them only in this
    /// process's cache. Starting the C# compiler takes a new process seconds; with a cache directory a process whose
    /// formula an earlier one compiled loads that image instead, in a small fraction of the time. An image is found by
    /// the SHA-256 of its source, the library's build and the compiler's and runtime's versions, so an upgrade never
    /// loads a stale one. The directory is created when first written and keeps the 1,000 most recently used images
    /// (about 15 KB each); files that cannot be read or written are compiled again, never an error. Anyone who can write
    /// to the directory can put code into the process: use a directory only its user can write, such as one under the
    /// user's profile.
    /// </summary>
    public static string? CacheDirectory
    {
        get => _cacheDirectory;
        set => _cacheDirectory = value is null ? null : Path.GetFullPath(value);
    }

    private static readonly ModelCache<CompiledModel> Models = new(CacheCapacity);
    private static readonly ModelCache<CompiledMixture> Mixtures = new(CacheCapacity);

    /// <summary>
    /// Compiles <paramref name="formula"/> into a model of <paramref name="variables"/> with the parameters to fit.
    /// </summary>
    /// <param name="formula">The formula, in the language of <c>[Model("…")]</c>: numbers, names, <c>+ - * / ^</c>,
    /// parentheses and the functions listed in README.md, e.g. <c>a*exp(-k*t) + c</c>.</param>
    /// <param name="variables">The independent variables, the columns of x.</param>
    /// <param name="parameters">The parameters to fit, in this order; null for every other name of the formula that is
    /// not a constant (pi, e) or a function, in order of first appearance.</param>
    /// <param name="limits">Bounds on the work; null for <see cref="FormulaLimits.Default"/>.</param>
    /// <exception cref="FormulaException">The formula has errors: the generator's MC diagnostics, with spans in the formula.</exception>
    /// <exception cref="ArgumentException">A variable or parameter is not a name of the formula language, or is given twice.</exception>
    public static CompiledModel Compile(string formula, IReadOnlyList<string> variables, IReadOnlyList<string>? parameters = null,
                                        FormulaLimits? limits = null)
    {
        var request = Request(formula, variables, parameters, 0, Noise.Gaussian, limits);
        return Models.GetOrAdd(request.Key, () => FormulaCompiler.Compile(request).Model);
    }

    /// <summary>
    /// Compiles <paramref name="formula"/> into a mixture of <paramref name="components"/> regressions with
    /// <paramref name="noise"/>, as <c>[MixtureModel]</c> does for a <c>[Model]</c> method; fit it with
    /// <c>RegressionMixture.Fit(mixture, x, y)</c>.
    /// </summary>
    /// <param name="formula">The regression function, in the language of <c>[Model("…")]</c>.</param>
    /// <param name="variables">The independent variables, the columns of x.</param>
    /// <param name="components">How many components, at least 1.</param>
    /// <param name="noise">The noise of every component.</param>
    /// <param name="parameters">The parameters of one component, in this order; null for every other name of the formula.</param>
    /// <param name="limits">Bounds on the work; null for <see cref="FormulaLimits.Default"/>.</param>
    /// <exception cref="FormulaException">The formula has errors.</exception>
    /// <exception cref="ArgumentException">A name is not valid or given twice, <paramref name="components"/> is below 1, or
    /// <paramref name="noise"/> is not a <see cref="Noise"/>.</exception>
    public static CompiledMixture CompileMixture(string formula, IReadOnlyList<string> variables, int components,
                                                 Noise noise = Noise.Gaussian, IReadOnlyList<string>? parameters = null,
                                                 FormulaLimits? limits = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(components, 1);
        if (!Enum.IsDefined(noise))
            throw new ArgumentOutOfRangeException(nameof(noise), noise, "Noise must be Noise.Gaussian or Noise.Laplace.");
        var request = Request(formula, variables, parameters, components, noise, limits);
        return Mixtures.GetOrAdd(request.Key, () => FormulaCompiler.Compile(request).Mixture!);
    }

    /// <summary>Empties the cache of compiled formulas: models not referenced elsewhere then unload.</summary>
    public static void ClearCache()
    {
        Models.Clear();
        Mixtures.Clear();
    }

    private static FormulaRequest Request(string formula, IReadOnlyList<string> variables, IReadOnlyList<string>? parameters,
                                          int components, Noise noise, FormulaLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(formula);
        ArgumentNullException.ThrowIfNull(variables);
        // Copies: the caller's lists may change after the call.
        return new FormulaRequest(formula, variables.ToArray(), parameters?.ToArray(), components, noise, limits ?? FormulaLimits.Default);
    }
}
