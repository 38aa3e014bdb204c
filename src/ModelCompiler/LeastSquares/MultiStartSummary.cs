// SPDX-License-Identifier: MIT
using System.Globalization;
using System.Text;

namespace ModelCompiler.LeastSquares;

/// <summary>
/// How one start of a multi-start fit ended: its initial values (all parameters), its termination and RSS, and its
/// model evaluations; a start where the model or its Jacobian was not finite has a null
/// <see cref="Termination"/>, a NaN RSS and the <see cref="Error"/> a single fit would have thrown.
/// </summary>
public sealed record StartOutcome(
    int Index, IReadOnlyList<double> Initial, FitTermination? Termination, double ResidualSumOfSquares,
    int FunctionEvaluations, int JacobianEvaluations, string? Error)
{
    /// <summary>False for a start where the model was not finite.</summary>
    public bool Succeeded => Termination is not null;
}

/// <summary>
/// What a multi-start fit did besides its best fit (<see cref="CurveFitResult.MultiStart"/>): every start that ran,
/// in start order, which one won (lowest RSS, ties to the lower index), and how many reached its RSS within
/// <see cref="AgreementTolerance"/>.
/// </summary>
public sealed class MultiStartSummary
{
    internal MultiStartSummary(StartOutcome[] starts, int plannedStarts, int bestStart, double agreementTolerance, int screeningEvaluations = 0)
    {
        ScreeningEvaluations = screeningEvaluations;
        Starts = starts;
        PlannedStarts = plannedStarts;
        BestStart = bestStart;
        AgreementTolerance = agreementTolerance;
        double best = starts[bestStart].ResidualSumOfSquares;
        ReachedBest = starts.Count(s => s.Succeeded && s.ResidualSumOfSquares <= best * (1 + agreementTolerance));
        FailedStarts = starts.Count(s => !s.Succeeded);
        TotalFunctionEvaluations = starts.Sum(s => (long)s.FunctionEvaluations);
        TotalJacobianEvaluations = starts.Sum(s => (long)s.JacobianEvaluations) + screeningEvaluations;
    }

    /// <summary>The starts that ran, in start order (fewer than <see cref="PlannedStarts"/> after an early stop).</summary>
    public IReadOnlyList<StartOutcome> Starts { get; }

    /// <summary>Number of starts that ran.</summary>
    public int StartCount => Starts.Count;

    /// <summary><see cref="MultiStartOptions.StartCount"/>.</summary>
    public int PlannedStarts { get; }

    /// <summary>Index of the start whose fit is returned.</summary>
    public int BestStart { get; }

    /// <summary>Starts whose RSS is within <see cref="AgreementTolerance"/> (relative) of the best, the best included.</summary>
    public int ReachedBest { get; }

    /// <summary>Starts where the model or its Jacobian was not finite.</summary>
    public int FailedStarts { get; }

    /// <summary><see cref="MultiStartOptions.AgreementTolerance"/>.</summary>
    public double AgreementTolerance { get; }

    /// <summary>Model evaluations without the Jacobian over every start.</summary>
    public long TotalFunctionEvaluations { get; }

    /// <summary>Model evaluations (with the Jacobian) that ranked the candidates (<see cref="MultiStartOptions.CandidatesPerStart"/>), 0 without a screen.</summary>
    public int ScreeningEvaluations { get; }

    /// <summary>Model evaluations with the Jacobian over every start, the screen's included.</summary>
    public long TotalJacobianEvaluations { get; }

    /// <summary>"best of N starts, M reached it", then one line per start.</summary>
    public override string ToString()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder(Headline()).Append('\n');
        foreach (var s in Starts)
        {
            sb.Append(ci, $"  start {s.Index,3}{(s.Index == BestStart ? " *" : "  ")} ");
            if (s.Succeeded)
                sb.Append(ci, $"RSS {s.ResidualSumOfSquares,-14:G8} {s.Termination}, {s.FunctionEvaluations}+{s.JacobianEvaluations} evaluations\n");
            else
                sb.Append(ci, $"failed: {s.Error}\n");
        }
        return sb.ToString();
    }

    internal string Headline()
    {
        var ci = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(ci, $"best of {StartCount} starts (start {BestStart}), {ReachedBest} reached it");
        if (StartCount < PlannedStarts)
            sb.Append(ci, $"; stopped early, {PlannedStarts} planned");
        if (FailedStarts > 0)
            sb.Append(ci, $"; {FailedStarts} failed (model not finite at the start)");
        sb.Append(ci, $"; {TotalFunctionEvaluations} function and {TotalJacobianEvaluations} Jacobian evaluations in all");
        return sb.ToString();
    }
}
