// SPDX-License-Identifier: MIT
using System.Runtime.Loader;

namespace ModelCompiler;

/// <summary>
/// A formula compiled at run time into a model type, the same type the source generator emits for <c>[Model("…")]</c>:
/// every solver takes it, through the <c>CurveFit.Fit(model, …)</c> overloads of this package or through
/// <see cref="Accept{TResult}"/> for anything generic over <c>TModel</c>. Made by <see cref="ModelCompiler.Formula.Compile"/>.
/// </summary>
/// <remarks>
/// The emitted code lives in a collectible assembly context of its own, unloaded once no <see cref="CompiledModel"/>,
/// <see cref="CompiledMixture"/> or <see cref="ModelType"/> of it is referenced any more (and <see cref="Formula"/>'s
/// cache has let it go).
/// </remarks>
public sealed class CompiledModel
{
    private readonly ModelAcceptor _acceptor;

    internal CompiledModel(string formula, IReadOnlyList<string> variables, IReadOnlyList<string> parameters, bool isLinear,
                           Type modelType, IReadOnlyList<FormulaDiagnostic> warnings, string source, CompiledAssembly assembly)
    {
        Formula = formula;
        VariableNames = variables;
        ParameterNames = parameters;
        IsLinearInParameters = isLinear;
        ModelType = modelType;
        Warnings = warnings;
        Source = source;
        Assembly = assembly;
        _acceptor = ModelAcceptor.For(modelType);
    }

    /// <summary>The formula as given.</summary>
    public string Formula { get; }

    /// <summary>The fitted parameters, in the order of the parameter vectors the solvers take and return.</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The independent variables, in the order of the columns of x.</summary>
    public IReadOnlyList<string> VariableNames { get; }

    /// <summary>True when the formula is linear in every parameter (<c>CurveFit.FitLinear</c> solves it directly).</summary>
    public bool IsLinearInParameters { get; }

    /// <summary>The emitted <c>readonly struct</c> implementing <see cref="IModel"/>.</summary>
    public Type ModelType { get; }

    /// <summary>The warnings the generator would give for this formula (MC0013 unused parameter, MC0024 unused variable,
    /// MC0014 not differentiable everywhere).</summary>
    public IReadOnlyList<FormulaDiagnostic> Warnings { get; }

    /// <summary>The C# that was compiled: the generator's text for this formula.</summary>
    public string Source { get; }

    internal CompiledAssembly Assembly { get; }

    /// <summary>Runs <paramref name="visitor"/> with the emitted model type as its type argument.</summary>
    public TResult Accept<TResult>(IModelVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return _acceptor.Accept(visitor);
    }

    /// <summary>The model's values at every point of <paramref name="x"/> for these parameters; with several variables
    /// x is column-major, variable v of point i at <c>x[v * n + i]</c>, as <see cref="IModel.Evaluate"/> takes it.</summary>
    public double[] Evaluate(double[] x, double[] parameters)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Length != ParameterNames.Count)
            throw new ArgumentException($"The model has {ParameterNames.Count} parameters ({string.Join(", ", ParameterNames)}) but {parameters.Length} were given.", nameof(parameters));
        if (x.Length % VariableNames.Count != 0)
            throw new ArgumentException($"x has {x.Length} values, not a multiple of the {VariableNames.Count} variables.", nameof(x));
        return Accept(new EvaluateVisitor(x, parameters));
    }

    /// <summary>The formula and its parameters.</summary>
    public override string ToString() => $"{Formula} (variables {string.Join(", ", VariableNames)}; parameters {string.Join(", ", ParameterNames)})";

    private sealed class EvaluateVisitor(double[] x, double[] parameters) : IModelVisitor<double[]>
    {
        public double[] Visit<TModel>() where TModel : struct, IModel
        {
            var values = new double[x.Length / TModel.VariableCount];
            TModel.Evaluate(x, parameters, values);
            return values;
        }
    }
}

/// <summary>
/// A formula compiled at run time into a regression mixture, the <c>[MixtureModel]</c> twin: K copies of
/// <see cref="Model"/> with Gaussian or Laplace noise. <c>RegressionMixture.Fit(mixture, …)</c> fits it.
/// </summary>
public sealed class CompiledMixture
{
    private readonly MixtureAcceptor _acceptor;

    internal CompiledMixture(CompiledModel model, int components, Noise noise, Type mixtureType)
    {
        Model = model;
        Components = components;
        Noise = noise;
        MixtureType = mixtureType;
        _acceptor = MixtureAcceptor.For(mixtureType, model.ModelType);
    }

    /// <summary>The regression function of every component.</summary>
    public CompiledModel Model { get; }

    /// <summary>How many components, K.</summary>
    public int Components { get; }

    /// <summary>The noise of every component.</summary>
    public Noise Noise { get; }

    /// <summary>The emitted <c>readonly struct</c> implementing <c>IRegressionMixture&lt;TModel&gt;</c>.</summary>
    public Type MixtureType { get; }

    /// <summary>Runs <paramref name="visitor"/> with the emitted mixture and model types as its type arguments.</summary>
    public TResult Accept<TResult>(IMixtureVisitor<TResult> visitor)
    {
        ArgumentNullException.ThrowIfNull(visitor);
        return _acceptor.Accept(visitor);
    }

    /// <summary>The mixture's size, noise and formula.</summary>
    public override string ToString() => $"{Components} × {Noise}: {Model}";
}

/// <summary>
/// The collectible context of one compiled formula. It asks the context to unload when it is itself collected, which
/// happens once no model or mixture of it is referenced; the runtime completes the unload when no type of it is in use.
/// </summary>
internal sealed class CompiledAssembly(AssemblyLoadContext context)
{
    public AssemblyLoadContext Context { get; } = context;

    ~CompiledAssembly() => Context.Unload();
}
