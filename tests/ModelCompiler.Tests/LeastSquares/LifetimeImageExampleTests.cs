// SPDX-License-Identifier: MIT
using LifetimeImage;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>examples/LifetimeImage on a smaller image: the lifetime map it draws is right where the light is.</summary>
public class LifetimeImageExampleTests
{
    [Fact]
    public void TheLifetimeMapFindsTheCellsAndTheBackground()
    {
        const int side = 64;
        double[,] y = FlimImage.Generate(side);
        double[] t = FlimImage.Channels;
        var fits = CurveFit.FitMany<FlimImage.DecayModel>(t, y, CurveFit.StartSolvingLinear<FlimImage.DecayModel>(t, [100, 2, 1]));

        var cell = new List<double>();
        var background = new List<double>();
        for (int j = 0; j < side; j++)
            for (int i = 0; i < side; i++)
            {
                int pixel = j * side + i;
                // The brighter half of the image, where every pixel has counts enough to tell its lifetime.
                if (i + j >= side / 2)
                    continue;
                Assert.True(fits.IsDetermined(pixel), $"pixel ({i}, {j}): {fits.Terminations[pixel]}");
                double tau = fits.ParametersOf(pixel)[1];
                (FlimImage.InCell(i, j, side) ? cell : background).Add(tau);
            }
        Assert.NotEmpty(cell);
        Assert.NotEmpty(background);
        Assert.Equal(FlimImage.CellLifetime, Median(cell), 0.01 * FlimImage.CellLifetime);
        Assert.Equal(FlimImage.BackgroundLifetime, Median(background), 0.01 * FlimImage.BackgroundLifetime);
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
