using ModelCompiler;
using ModelCompiler.LeastSquares;
using ModelCompiler.ModelFit.Fitting;
using ModelCompiler.ModelFit.Input;

namespace ModelFit.Tests;

/// <summary>The many command's run on curves in memory: what it tells the progress display, and what it fits from.</summary>
public class ManyRunTests
{
    private static readonly double[] T = [.. Enumerable.Range(0, 12).Select(i => 0.5 * i)];

    private static double[,] Decays(int count)
    {
        var y = new double[count, T.Length];
        for (int c = 0; c < count; c++)
            for (int i = 0; i < T.Length; i++)
                y[c, i] = (2 + 0.01 * c) * Math.Exp(-0.4 * T[i]) + 0.5 + 0.001 * Math.Sin(c + i);
        return y;
    }

    private sealed class Discard : IBatchFitWriter
    {
        public void Write(long firstCurve, BatchFitResult block) { }
    }

    private sealed class Recorder : IProgress<string>
    {
        public List<string> Stages { get; } = [];

        public void Report(string value) => Stages.Add(value);
    }

    private static (ManyOutcome Outcome, List<string> Stages) Run(Dictionary<string, double> start)
    {
        var stages = new Recorder();
        var inputs = new ManyInputs(new MatrixCurveReader(Decays(40), null), new Discard(), T, start,
                                    new Dictionary<string, (double, double)>(), new Dictionary<string, double>());
        var outcome = new ManyRun(inputs, stage: stages).Visit<TestModels.DecayModel>();
        return (outcome, stages.Stages);
    }

    [Fact]
    public void AGuessIsAnnouncedAndReportedWithItsCurves()
    {
        var (guessed, stages) = Run(new() { ["k"] = 0.4 });
        Assert.Equal(["guessing a start from the first curves"], stages);
        Assert.Equal(40, guessed.GuessedFrom);
        Assert.Equal([true, false, true], guessed.Guessed);
        Assert.Equal(0.4, guessed.Start[1]);
        Assert.Equal(40, guessed.Converged);

        var (given, none) = Run(new() { ["a"] = 2, ["k"] = 0.4, ["c"] = 0.5 });
        Assert.Empty(none);
        Assert.Equal(0, given.GuessedFrom);
        Assert.Equal([2, 0.4, 0.5], given.Start);
    }
}
