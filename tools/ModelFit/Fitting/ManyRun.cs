// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit.Input;

namespace ModelCompiler.ModelFit.Fitting;

/// <summary>
/// Everything a many-curve fit needs besides the model: the curves, where the results go, the x they share (null when the
/// reader gives each curve its own), and the parameters' settings.
/// </summary>
public sealed record ManyInputs(
    ICurveReader Reader, IBatchFitWriter Writer, double[]? X, IReadOnlyDictionary<string, double> Start,
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

    /// <summary>The start every curve was fitted from, in the model's order.</summary>
    public IReadOnlyList<double> Start { get; init; } = [];

    /// <summary>Which parameters' starts were guessed (the others came from --p0 or --fix).</summary>
    public IReadOnlyList<bool> Guessed { get; init; } = [];

    /// <summary>How many curves' mean the guess was made from (0: nothing was guessed).</summary>
    public int GuessedFrom { get; init; }
}

/// <summary>
/// The many command's work for one model type: checks --p0, --bounds and --fix against the model, guesses the starts
/// --p0 does not give from the mean of the first curves (<see cref="CurveFit.GuessInitial{TModel}"/>; every curve then
/// starts there, with the guessed parameters the model is affine in solved for it by <see cref="CurveFit.StartSolvingLinear{TModel}"/>),
/// or, when each curve has its own x, from their points pooled (the affine ones then solved on each curve's own x by
/// <see cref="CurveFit.StartSolvingLinearOnOwnX{TModel}"/>), and streams the curves through
/// <see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
/// </summary>
public sealed class ManyRun(ManyInputs inputs, IProgress<BatchFitProgress>? progress = null, IProgress<string>? stage = null,
                            CancellationToken cancellationToken = default)
    : IModelVisitor<ManyOutcome>
{
    /// <summary>How many of the first curves a guessed start is made from: enough for their mean to be typical.</summary>
    internal const int GuessSample = 1000;

    /// <summary>Fits every curve with <typeparamref name="TModel"/>.</summary>
    /// <exception cref="ModelFitException">A name is not a parameter (<see cref="ExitCode.Usage"/>), a curve cannot be
    /// fitted as read (<see cref="ExitCode.Data"/>), or no start can be guessed (<see cref="ExitCode.FitFailed"/>).</exception>
    public ManyOutcome Visit<TModel>() where TModel : struct, IModel
    {
        IReadOnlyList<string> names = TModel.ParameterNames;
        var settings = ParameterAssignments.Resolve(names, inputs.Start, inputs.Bounds, inputs.Fixed);
        double[] known = settings.Known;
        bool[] guessed = known.Select(double.IsNaN).ToArray();
        ICurveReader reader = inputs.Reader;
        double[] initial = known;
        CurveStart? perCurve = null;
        CurveStartOnX? perCurveOnX = null;
        int guessedFrom = 0;
        if (guessed.Any(g => g))
        {
            var guessSetup = new FitSetup { LowerBounds = settings.Lower, UpperBounds = settings.Upper, Fixed = settings.Fixed };
            if (GuessStart<TModel>(known, guessSetup) is not var (start, sample))
                return new ManyOutcome(names, 0, inputs.Reader.PointCount, new Dictionary<FitTermination, long>());
            (initial, reader, guessedFrom) = (start, sample, sample.Count);
            // The mean curve's amplitudes suit few curves of an image: the guessed ones the model is affine in are solved
            // for each curve, and the values the user gave are kept as given.
            var solveSetup = guessSetup with { Fixed = [.. guessed.Select(g => !g)] };
            if (inputs.X is { } x)
                try
                {
                    perCurve = CurveFit.StartSolvingLinear<TModel>(x, initial, solveSetup);
                }
                catch (ArgumentException e)
                {
                    throw new ModelFitException(ExitCode.FitFailed, $"The guessed start cannot be solved per curve ({Output.Numbers.MessageOf(e)}); give the parameters' starts with --p0.");
                }
            else
                perCurveOnX = CurveFit.StartSolvingLinearOnOwnX<TModel>(initial, solveSetup);
        }
        var setup = new BatchFitSetup
        {
            LowerBounds = settings.Lower is { } lower ? AsRow(lower) : null,
            UpperBounds = settings.Upper is { } upper ? AsRow(upper) : null,
            Fixed = settings.Fixed is { } isFixed ? AsRow(isFixed) : null,
        };

        var tally = new TallyingWriter(inputs.Writer);
        BatchFitProgress done;
        try
        {
            done = (inputs.X, perCurve, perCurveOnX) switch
            {
                (null, _, null) => CurveFit.FitMany<TModel>(reader, tally, initial, setup, progress: progress, cancellationToken: cancellationToken),
                (null, _, { } ruleOnX) => CurveFit.FitMany<TModel>(reader, tally, ruleOnX, setup, progress: progress, cancellationToken: cancellationToken),
                ({ } x, null, _) => CurveFit.FitMany<TModel>(x, reader, tally, initial, setup, progress: progress, cancellationToken: cancellationToken),
                ({ } x, { } rule, _) => CurveFit.FitMany<TModel>(x, reader, tally, rule, setup, progress: progress, cancellationToken: cancellationToken),
            };
        }
        catch (ArgumentException e)
        {
            // The curves' own faults (a short row, a missing value, a sigma that is not positive) name their row.
            throw new ModelFitException(ExitCode.Data, Output.Numbers.MessageOf(e) + Written(tally.Curves));
        }
        catch (OperationCanceledException)
        {
            throw new ModelFitException(ExitCode.Cancelled, "Cancelled: the work was stopped (Ctrl-C) before it finished." + Written(tally.Curves));
        }
        return new ManyOutcome(names, done.CurvesFinished, inputs.Reader.PointCount, tally.Terminations)
        {
            Undetermined = tally.Undetermined,
            Start = initial,
            Guessed = guessed,
            GuessedFrom = guessedFrom,
        };
    }

    /// <summary>
    /// The start guessed from the mean of the first <see cref="GuessSample"/> curves (from their points pooled, when each
    /// has its own x), the <paramref name="known"/> values held, and those curves to read again; null when the stream holds none.
    /// </summary>
    private (double[] Start, SampledCurves Sample)? GuessStart<TModel>(double[] known, FitSetup setup) where TModel : struct, IModel
    {
        stage?.Report("guessing a start from the first curves");
        SampledCurves sample;
        try
        {
            sample = new SampledCurves(inputs.Reader, GuessSample);
        }
        catch (ArgumentException e)
        {
            throw new ModelFitException(ExitCode.Data, Output.Numbers.MessageOf(e) + Written(0));
        }
        if (sample.Count == 0)
            return null;
        var (x, y) = inputs.X is { } shared ? (shared, sample.Mean()) : sample.Pooled();
        try
        {
            return (CurveFit.GuessInitial<TModel>(x, y, setup, known, cancellationToken), sample);
        }
        catch (ArgumentException e)
        {
            throw new ModelFitException(ExitCode.FitFailed,
                $"No start could be guessed from the {(inputs.X is null ? "points" : "mean")} of the first {sample.Count:N0} curves ({Output.Numbers.MessageOf(e)}); give the parameters' starts with --p0.");
        }
    }

    private static T[,] AsRow<T>(T[] values)
    {
        var row = new T[1, values.Length];
        for (int j = 0; j < values.Length; j++)
            row[0, j] = values[j];
        return row;
    }

    private static string Written(long curves) =>
        curves == 0 ? " No results were written." : $" The results of the first {curves:N0} curves were written, under the output's name with \".partial\" added.";

    /// <summary>Counts the terminations of the blocks it passes on, and the converged fits that leave a parameter undetermined.</summary>
    private sealed class TallyingWriter(IBatchFitWriter inner) : IBatchFitWriter
    {
        public Dictionary<FitTermination, long> Terminations { get; } = [];

        public long Curves { get; private set; }

        public long Undetermined { get; private set; }

        public void Complete() => inner.Complete();

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
