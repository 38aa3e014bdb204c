using ModelCompiler.ModelFit.Fitting;
using ModelCompiler.ModelFit.Input;

namespace ModelFit.Tests;

/// <summary>The curves read ahead for a guessed start are given again, before the rest, in order and each once.</summary>
public class SampledCurvesTests
{
    private static double[,] Rows(int count, int n, double offset) =>
        ToMatrix(Enumerable.Range(0, count).Select(r => Enumerable.Range(0, n).Select(i => offset + 100 * r + i).ToArray()).ToArray());

    private static double[,] ToMatrix(double[][] rows)
    {
        var m = new double[rows.Length, rows[0].Length];
        for (int r = 0; r < rows.Length; r++)
            for (int i = 0; i < rows[r].Length; i++)
                m[r, i] = rows[r][i];
        return m;
    }

    [Theory]
    [InlineData(50, 10, 7)]     // the sample ends inside a block
    [InlineData(50, 10, 10)]    // … at a block's end
    [InlineData(50, 10, 64)]    // one block takes the sample and more
    [InlineData(6, 10, 4)]      // fewer curves than the sample
    public void EveryCurveOnceAndInOrder(int curves, int sample, int block)
    {
        double[,] y = Rows(curves, 3, 0), sigma = Rows(curves, 3, 0.5);
        var sampled = new SampledCurves(new MatrixCurveReader(y, sigma), sample);
        Assert.Equal(Math.Min(curves, sample), sampled.Count);
        Assert.Equal([100 * (sampled.Count - 1) / 2.0, 1 + 100 * (sampled.Count - 1) / 2.0, 2 + 100 * (sampled.Count - 1) / 2.0], sampled.Mean());

        var seenY = new List<double>();
        var seenSigma = new List<double>();
        var blockY = new double[block, 3];
        var blockSigma = new double[block, 3];
        int read;
        while ((read = sampled.Read(blockY, blockSigma)) > 0)
        {
            // Fewer than asked only at the end.
            Assert.True(read == block || seenY.Count / 3 + read == curves, $"{read} of {block} before the end");
            seenY.AddRange(blockY.Cast<double>().Take(read * 3));
            seenSigma.AddRange(blockSigma.Cast<double>().Take(read * 3));
        }
        Assert.Equal(y.Cast<double>(), seenY);
        Assert.Equal(sigma.Cast<double>(), seenSigma);
    }
}
