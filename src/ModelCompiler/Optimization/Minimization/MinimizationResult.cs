// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Optimization;

/// <summary>
/// The outcome of a minimization: the best point found with its value and (for gradient methods) gradient, the
/// work done, and why the method stopped. Non-convergence is a result, not an exception: check
/// <see cref="IsConverged"/> or <see cref="Termination"/>.
/// </summary>
public sealed class MinimizationResult
{
    private readonly double[] _x;
    private readonly double[]? _gradient;
    private readonly double[,]? _inverseHessian;

    internal MinimizationResult(string method, double[] x, double value, double[]? gradient, double gradientNorm,
        int iterations, EvaluationCounts counts, MinimizationTermination termination, string message,
        double[,]? inverseHessian = null)
    {
        Method = method;
        _x = x;
        Value = value;
        _gradient = gradient;
        GradientNorm = gradientNorm;
        Iterations = iterations;
        FunctionEvaluations = counts.Values;
        GradientEvaluations = counts.Gradients;
        HessianEvaluations = counts.Hessians;
        HessianVectorProducts = counts.HessianProducts;
        Termination = termination;
        Message = message;
        _inverseHessian = inverseHessian;
    }

    /// <summary>The method that ran, e.g. "BFGS".</summary>
    public string Method { get; }

    /// <summary>The minimizer found: all unknowns, fixed ones included. A copy.</summary>
    public double[] X => (double[])_x.Clone();

    /// <summary>Unknown <paramref name="index"/> of <see cref="X"/>.</summary>
    public double this[int index] => _x[index];

    /// <summary>f at <see cref="X"/>.</summary>
    public double Value { get; }

    /// <summary>∇f at <see cref="X"/> (zero in the fixed unknowns' places), as the method last computed it (by finite
    /// differences when the objective has no gradient); null for the derivative-free methods. A copy.</summary>
    public double[]? Gradient => (double[]?)_gradient?.Clone();

    /// <summary>The largest component of the gradient at <see cref="X"/> over the free unknowns, of the projected
    /// gradient P(x − ∇f) − x under bounds; NaN for the derivative-free methods.</summary>
    public double GradientNorm { get; }

    /// <summary>Iterations completed.</summary>
    public int Iterations { get; }

    /// <summary>Values of f computed, finite-difference evaluations and those computed together with the gradient
    /// included (scipy's nfev).</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Gradients computed, by the objective or by finite differences (scipy's njev).</summary>
    public int GradientEvaluations { get; }

    /// <summary>Hessians computed, by the objective or by finite differences of the gradient (scipy's nhev).</summary>
    public int HessianEvaluations { get; }

    /// <summary>Hessian–vector products computed by the objective's <c>HessianTimes</c> (products from a stored
    /// Hessian or from gradient differences are not counted here; the latter count as gradients).</summary>
    public int HessianVectorProducts { get; }

    /// <summary>Why the method stopped.</summary>
    public MinimizationTermination Termination { get; }

    /// <summary>True when a stopping test was met (gradient, function, step or simplex tolerance, or rounding level).</summary>
    public bool IsConverged => Termination <= MinimizationTermination.MachinePrecision;

    /// <summary>A sentence on why the method stopped.</summary>
    public string Message { get; }

    /// <summary>BFGS's final approximation of the inverse Hessian over the free unknowns (scipy's hess_inv); null
    /// for the other methods. A copy.</summary>
    public double[,]? InverseHessian => (double[,]?)_inverseHessian?.Clone();

    /// <summary>Method, termination, value, gradient norm, counts and x.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"{Method}: {Termination}: {Message}\n");
        sb.Append(ci, $"f = {Value:R}");
        if (!double.IsNaN(GradientNorm))
            sb.Append(ci, $", |grad f|_inf = {GradientNorm:G3}");
        sb.Append(ci, $"; {Iterations} iterations, {FunctionEvaluations} f, {GradientEvaluations} gradient");
        if (HessianEvaluations > 0)
            sb.Append(ci, $", {HessianEvaluations} Hessian");
        if (HessianVectorProducts > 0)
            sb.Append(ci, $", {HessianVectorProducts} Hessian-vector");
        sb.Append(" evaluations\nx = [");
        for (int i = 0; i < _x.Length; i++)
            sb.Append(i == 0 ? "" : ", ").Append(_x[i].ToString("R", ci));
        return sb.Append(']').ToString();
    }
}

/// <summary>Evaluation counters, as <see cref="MinimizationResult"/> reports them.</summary>
internal readonly record struct EvaluationCounts(int Values, int Gradients, int Hessians, int HessianProducts);
