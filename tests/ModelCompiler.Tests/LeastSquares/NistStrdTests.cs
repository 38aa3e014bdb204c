// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;
using NistModels = ModelCompiler.Generators.Tests.Models.Nist;

using ModelCompiler.Tests.LeastSquares.Nist;

namespace ModelCompiler.Tests.LeastSquares;

/// <summary>
/// The NIST StRD nonlinear regression problems scored as Ceres scores them: LRE = min over
/// parameters of −log10(|b − b_cert|/|b_cert|), capped at 11; a start is solved when LRE ≥ 4.
/// Every start must be solved with default options, the certified standard deviations must be
/// reproduced, and the average must reach 9.5.
/// </summary>
public class NistStrdTests
{
    public static TheoryData<string, int> Starts()
    {
        var data = new TheoryData<string, int>();
        foreach (var (name, _) in NistSuite.Problems)
            for (int s = 1; s <= 2; s++)
                data.Add(name, s);
        return data;
    }

    private static (NistProblem Problem, CurveFitResult Result) Run(string name, int start)
    {
        var problem = NistProblem.Load(name);
        var fit = NistSuite.Problems.Single(p => p.Name == name).Fit;
        return (problem, fit(problem, problem.Starts[start - 1], null));
    }

    [Theory]
    [MemberData(nameof(Starts))]
    public void EveryStartIsSolvedWithCertifiedValuesAndStandardDeviations(string name, int start)
    {
        var (problem, result) = Run(name, start);

        Assert.True(result.IsConverged, $"{name} start {start}: {result.Termination}");
        double lre = NistSuite.Lre(result.Parameters, problem.Certified);
        Assert.True(lre >= 4, $"{name} start {start}: parameter LRE {lre:F2}\n{result}");

        // Lanczos1's certified standard deviations rest on its certified RSS, 1.4307867721e-25, whose
        // residuals (~8e-14) are only ~400 ulps of the data. Rounding the decimal data to double moves the
        // exact least-squares minimum to RSS 1.4295516105e-25, so even the exact solution of the double
        // data has standard-deviation LRE 3.36 (benchmarks/peers/nist_lanczos1_exact.py, 60-digit decimal
        // arithmetic). Rounding in the residuals of a double-precision solve spreads runs around that:
        // 3.0 to 4.4 measured across starts, SIMD widths and model forms.
        double required = name == "Lanczos1" ? 2.5 : 4;
        double lreSd = NistSuite.Lre(result.StandardErrors, problem.CertifiedStdDev);
        Assert.True(lreSd >= required, $"{name} start {start}: standard deviation LRE {lreSd:F2}\n{result}");
        Assert.True(result.IsCovarianceDefined, result.CovarianceProblem);
    }

    [Fact]
    public void AverageLreOverTheSuiteIsAtLeastNineAndAHalf()
    {
        double sum = 0;
        int count = 0;
        foreach (var (name, _) in NistSuite.Problems)
        {
            for (int s = 1; s <= 2; s++)
            {
                var (problem, result) = Run(name, s);
                double lre = NistSuite.Lre(result.Parameters, problem.Certified);
                sum += lre < 4 ? 0 : lre;
                count++;
            }
        }
        Assert.True(sum / count >= 9.5, $"average LRE {sum / count:F2}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void BoxBodIsSolvedFromBothStartsWithItsStandardDeviations(int start)
    {
        // Start 1 is the trap where a Jacobian column vanishes far from the solution.
        var problem = NistProblem.Load("BoxBOD");
        var result = CurveFit.Fit<NistModels.BoxBODModel>(problem.X, problem.Y, problem.Starts[start - 1]);
        Assert.True(NistSuite.Lre(result.Parameters, problem.Certified) >= 9, result.ToString());
        Assert.True(NistSuite.Lre(result.StandardErrors, problem.CertifiedStdDev) >= 9, result.ToString());
    }

    [Fact]
    public void GeodesicAccelerationShortensTheBennett5Valley()
    {
        var problem = NistProblem.Load("Bennett5");
        var plain = CurveFit.Fit<NistModels.Bennett5Model>(problem.X, problem.Y, problem.Starts[1]);
        var accelerated = CurveFit.Fit<NistModels.Bennett5Model>(problem.X, problem.Y, problem.Starts[1], new CurveFitOptions { GeodesicAcceleration = true });
        Assert.True(NistSuite.Lre(accelerated.Parameters, problem.Certified) >= 9, accelerated.ToString());
        Assert.True(accelerated.Iterations * 4 < plain.Iterations, $"{accelerated.Iterations} vs {plain.Iterations} iterations");
    }

    [Fact]
    public void EveryProblemFileHasAModel()
    {
        var files = Directory.GetFiles(NistProblem.DataDirectory, "*.dat").Select(Path.GetFileNameWithoutExtension).Order();
        Assert.Equal(files, NistSuite.Problems.Select(p => p.Name).Order());
    }

    [Fact]
    public void ParserReadsStartsCertifiedValuesAndData()
    {
        var misra = NistProblem.Load("Misra1a");
        // Values as printed in Misra1a.dat.
        Assert.Equal([500, 1e-4], misra.Starts[0]);
        Assert.Equal([250, 5e-4], misra.Starts[1]);
        Assert.Equal([2.3894212918E+02, 5.5015643181E-04], misra.Certified);
        Assert.Equal([2.7070075241E+00, 7.2668688436E-06], misra.CertifiedStdDev);
        Assert.Equal(1.2455138894E-01, misra.CertifiedRss);
        Assert.Equal(14, misra.Y.Length);
        Assert.Equal((10.07, 77.6), (misra.Y[0], misra.X[0]));
        Assert.Equal("Lower", misra.Difficulty);

        var nelson = NistProblem.Load("Nelson");
        Assert.Equal(2, nelson.VariableCount);
        Assert.Equal(128, nelson.Y.Length);
        Assert.Equal((15.0, 1.0, 180.0), (nelson.Y[0], nelson.X[0], nelson.X[128]));
    }
}
