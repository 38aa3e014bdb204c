// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit.Input;

namespace ModelCompiler.ModelFit.Fitting;

/// <summary>Everything a many-curve fit needs besides the model: the curves, where the results go, x, and the parameters' settings.</summary>
public sealed record ManyInputs(
    ICurveReader Reader, IBatchFitWriter Writer, double[] X, IReadOnlyDictionary<string, double> Start,
    IReadOnlyDictionary<string, (double Lower, double Upper)> Bounds, IReadOnlyDictionary<string, double> Fixed);

/// <summary>What a many-curve fit gave: the parameter names, the curves and their points, and how the fits stopped.</summary>
public sealed record ManyOutcome(IReadOnlyList<string> ParameterNames, long Curves, int Points, IReadOnlyDictionary<FitTermination, long> Terminations)
{
    /// <summary>Warnings of the formula's compilation.</summary>
    public IReadOnlyList<FormulaDiagnostic> Warnings { get; init; } = [];

    /// <summary>How many curves' fits converged.</summary>
    public long Converged => Terminations.Where(t => t.Key <= FitTermination.DirectSolution).Sum(t => t.Value);

    /// <summary>How many of the converged fits leave a parameter undetermined (<see cref="BatchFitResult.IsDetermined"/>).</summary>
    public long Undetermined { get; init; }
}

/// <summary>
/// The many command's work for one model type: checks --p0, --bounds and --fix against the model (a batch fit does
/// not guess, so every parameter needs a start or a fixed value), and streams the curves through
/// <see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
/// </summary>
public sealed class ManyRun(ManyInputs inputs, IProgress<BatchFitProgress>? progress = null, CancellationToken cancellationToken = default)
    : IModelVisitor<ManyOutcome>
{
    /// <summary>Fits every curve with <typeparamref name="TModel"/>.</summary>
    /// <exception cref="ModelFitException">A name is not a parameter or a start is missing (<see cref="ExitCode.Usage"/>), or a
    /// curve cannot be fitted as read (<see cref="ExitCode.Data"/>).</exception>
    public ManyOutcome Visit<TModel>() where TModel : struct, IModel
    {
        IReadOnlyList<string> names = TModel.ParameterNames;
        ParameterAssignments.RequireConsistent(names, inputs.Start, inputs.Bounds, inputs.Fixed);
        string[] missing = [.. names.Where(n => !inputs.Start.ContainsKey(n) && !inputs.Fixed.ContainsKey(n))];
        if (missing.Length > 0)
            throw new ModelFitException(ExitCode.Usage,
                $"--p0 gives no start for {string.Join(", ", missing)}: the many command fits every curve from the same start, which it does not guess; " +
                "give every parameter a start (--p0) or a value (--fix).");

        int p = names.Count;
        var initial = new double[p];
        var isFixed = new bool[1, p];
        double[,]? lower = inputs.Bounds.Count == 0 ? null : new double[1, p], upper = inputs.Bounds.Count == 0 ? null : new double[1, p];
        for (int j = 0; j < p; j++)
        {
            isFixed[0, j] = inputs.Fixed.TryGetValue(names[j], out double value);
            initial[j] = isFixed[0, j] ? value : inputs.Start[names[j]];
            if (lower is null)
                continue;
            (lower[0, j], upper![0, j]) = inputs.Bounds.TryGetValue(names[j], out var bound) ? bound : (double.NegativeInfinity, double.PositiveInfinity);
            ParameterAssignments.RequireWithinBounds(names[j], initial[j], isFixed[0, j], lower[0, j], upper[0, j]);
        }
        var setup = new BatchFitSetup
        {
            LowerBounds = lower,
            UpperBounds = upper,
            Fixed = isFixed.Cast<bool>().Any(f => f) ? isFixed : null,
        };

        var tally = new TallyingWriter(inputs.Writer);
        BatchFitProgress done;
        try
        {
            done = CurveFit.FitMany<TModel>(inputs.X, inputs.Reader, tally, initial, setup, progress: progress, cancellationToken: cancellationToken);
        }
        catch (ArgumentException e)
        {
            // The curves' own faults (a short row, a missing value, a sigma that is not positive) name their row.
            throw new ModelFitException(ExitCode.Data, e.Message + Written(tally.Curves));
        }
        catch (OperationCanceledException)
        {
            throw new ModelFitException(ExitCode.Cancelled, "Cancelled: the work was stopped (Ctrl-C) before it finished." + Written(tally.Curves));
        }
        return new ManyOutcome(names, done.CurvesFinished, inputs.Reader.PointCount, tally.Terminations) { Undetermined = tally.Undetermined };
    }

    private static string Written(long curves) =>
        curves == 0 ? " No results were written." : $" The results of the first {curves:N0} curves were written.";

    /// <summary>Counts the terminations of the blocks it passes on, and the converged fits that leave a parameter undetermined.</summary>
    private sealed class TallyingWriter(IBatchFitWriter inner) : IBatchFitWriter
    {
        public Dictionary<FitTermination, long> Terminations { get; } = [];

        public long Curves { get; private set; }

        public long Undetermined { get; private set; }

        public void Write(long firstCurve, BatchFitResult block)
        {
            inner.Write(firstCurve, block);
            for (int c = 0; c < block.CurveCount; c++)
            {
                var termination = block.Terminations[c];
                Terminations[termination] = Terminations.GetValueOrDefault(termination) + 1;
                if (block.IsConverged(c) && !block.IsDetermined(c))
                    Undetermined++;
            }
            Curves += block.CurveCount;
        }
    }
}
