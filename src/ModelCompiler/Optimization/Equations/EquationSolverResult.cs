// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.Optimization;

/// <summary>
/// The outcome of <see cref="EquationSolver"/> (scipy's <c>root</c> result: x, fun, nfev, njev, status, message):
/// the solution, F there and its norm, the work done and why the solver stopped.
/// </summary>
public sealed class EquationSolverResult
{
    private readonly double[] _x, _residuals;
    private readonly IReadOnlyList<string> _names;
    private readonly bool _indexed;

    internal EquationSolverResult(EquationMethod method, string? formula, IReadOnlyList<string> names, bool indexed, double[] x,
                                  double[] residuals, int iterations, int evaluations, int jacobianEvaluations,
                                  EquationTermination termination, string message)
    {
        Method = method;
        Formula = formula;
        _names = names;
        _indexed = indexed;
        _x = x;
        _residuals = residuals;
        ResidualNorm = Norms.Euclidean(residuals);
        Iterations = iterations;
        FunctionEvaluations = evaluations;
        JacobianEvaluations = jacobianEvaluations;
        Termination = termination;
        Message = message;
    }

    /// <summary>The algorithm that ran.</summary>
    public EquationMethod Method { get; }

    /// <summary>The equations as written, for a generated system; null for delegates.</summary>
    public string? Formula { get; }

    /// <summary>The solution (the best point found when not converged). A copy.</summary>
    public double[] X => (double[])_x.Clone();

    /// <summary>Unknown <paramref name="index"/> of the solution.</summary>
    public double this[int index] => _x[index];

    /// <summary>F at <see cref="X"/>. A copy.</summary>
    public double[] Residuals => (double[])_residuals.Clone();

    /// <summary>‖F(x)‖₂.</summary>
    public double ResidualNorm { get; }

    /// <summary>Accepted steps.</summary>
    public int Iterations { get; }

    /// <summary>Calls of F, those for difference Jacobians included (scipy's nfev as MINPACK counts it).</summary>
    public int FunctionEvaluations { get; }

    /// <summary>Jacobians computed, generated or by differences (scipy's njev).</summary>
    public int JacobianEvaluations { get; }

    /// <summary>Why the solver stopped.</summary>
    public EquationTermination Termination { get; }

    /// <summary>
    /// True when a convergence test was met (<see cref="EquationTermination.ExactSolution"/> to
    /// <see cref="EquationTermination.MachinePrecision"/>). The tests bound the change of x, not F: a root has a
    /// small <see cref="ResidualNorm"/> as well.
    /// </summary>
    public bool IsConverged => Termination <= EquationTermination.MachinePrecision;

    /// <summary>A sentence on why the solver stopped.</summary>
    public string Message { get; }

    /// <summary>The method, termination and counts, then the unknowns (the first 20 of a long vector) and ‖F‖.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        if (Formula is not null)
            sb.Append(ci, $"Equations: {Formula.Replace("\n", "; ", StringComparison.Ordinal)}\n");
        sb.Append(ci, $"Method {Method}, {Termination}: {Message}; {Iterations} iterations, ")
          .Append(ci, $"{FunctionEvaluations} function and {JacobianEvaluations} Jacobian evaluations\n");
        int shown = Math.Min(_x.Length, 20);
        var labels = Enumerable.Range(0, shown).Select(Name).ToArray();
        int width = Math.Max(7, labels.Max(l => l.Length));
        sb.Append("Unknown".PadRight(width)).Append("  ").Append("Value".PadLeft(24)).Append("  ").Append("Residual".PadLeft(12)).Append('\n');
        for (int j = 0; j < shown; j++)
        {
            sb.Append(labels[j].PadRight(width)).Append("  ").Append(_x[j].ToString("R", ci).PadLeft(24)).Append("  ");
            sb.Append((j < _residuals.Length ? _residuals[j].ToString("G4", ci) : "").PadLeft(12)).Append('\n');
        }
        if (shown < _x.Length)
            sb.Append(ci, $"… {_x.Length - shown} more\n");
        sb.Append(ci, $"‖F(x)‖₂ = {ResidualNorm:G6}\n");
        return sb.ToString();
    }

    private string Name(int j)
        => _indexed ? $"{_names[0]}[{j}]" : j < _names.Count ? _names[j] : $"x[{j}]";
}
