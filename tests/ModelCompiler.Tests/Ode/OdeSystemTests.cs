using ModelCompiler.Ode;

namespace ModelCompiler.Tests.Ode;

/// <summary>
/// Every system of <see cref="OdeSystems"/> computes f and ∂f/∂y as the reference problems define them: the right-hand
/// sides and Jacobians of /work/shared/reference/ode/scripts/problems.py, transcribed below, at the references' initial
/// values and parameters (the problems' JSON files) and at random states.
/// </summary>
public class OdeSystemTests
{
    private delegate double[] Rhs(double t, double[] y, double[] p);

    private delegate double[,] Jac(double t, double[] y, double[] p);

    [Fact]
    public void Airy() => Check<OdeSystems.AirySystem>([0.3550280538878172, -0.2588194037928069], [], // airy.json: y(0), y'(0)
        (t, u, _) => [u[1], t * u[0]],
        (t, _, _) => new double[,] { { 0, 1 }, { t, 0 } });

    [Theory]
    [InlineData(3.0)]                 // lorenz-beta3.json
    [InlineData(8.0 / 3.0)]           // lorenz-beta8over3.json
    public void Lorenz(double beta) => Check<OdeSystems.LorenzSystem>([0.0, 1.0, 0.0], [10.0, 28.0, beta],
        (_, w, p) => [p[0] * (w[1] - w[0]), w[0] * (p[1] - w[2]) - w[1], w[0] * w[1] - p[2] * w[2]],
        (_, w, p) => new[,] { { -p[0], p[0], 0 }, { p[1] - w[2], -1, -w[0] }, { w[1], w[0], -p[2] } });

    [Fact]
    public void Robertson() => Check<OdeSystems.RobertsonSystem>([1.0, 0.0, 0.0], [0.04, 3e7, 1e4], // robertson.json: k1, k2, k3
        (_, y, k) => [-k[0] * y[0] + k[2] * y[1] * y[2], k[0] * y[0] - k[1] * y[1] * y[1] - k[2] * y[1] * y[2], k[1] * y[1] * y[1]],
        (_, y, k) => new[,]
        {
            { -k[0], k[2] * y[2], k[2] * y[1] },
            { k[0], -2.0 * k[1] * y[1] - k[2] * y[2], -k[2] * y[1] },
            { 0, 2.0 * k[1] * y[1], 0 },
        });

    [Fact]
    public void VanDerPol() => Check<OdeSystems.VanDerPolSystem>([2.0, 0.0], [1000.0], // vanderpol.json: mu = 1000
        (_, u, p) => [u[1], p[0] * (1.0 - u[0] * u[0]) * u[1] - u[0]],
        (_, u, p) => new[,] { { 0, 1 }, { -2.0 * p[0] * u[0] * u[1] - 1.0, p[0] * (1.0 - u[0] * u[0]) } });

    [Fact]
    public void LotkaVolterra() => Check<OdeSystems.LotkaVolterraSystem>([10.0, 5.0], [1.0, 0.1, 1.5, 0.075], // lotka-volterra.json: y0, true parameters
        (_, u, p) => [p[0] * u[0] - p[1] * u[0] * u[1], p[3] * u[0] * u[1] - p[2] * u[1]],
        (_, u, p) => new[,] { { p[0] - p[1] * u[1], -p[1] * u[0] }, { p[3] * u[1], p[3] * u[0] - p[2] } });

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    [InlineData(100)]
    public void Heat(int n)
    {
        double h = 1.0 / (n + 1);
        var y0 = Enumerable.Range(1, n).Select(i => Math.Sin(Math.PI * i * h)).ToArray();
        Check<OdeSystems.HeatSystem>(y0, [0.5, h],
            (_, u, p) => Enumerable.Range(0, n).Select(i =>
                p[0] * ((i > 0 ? u[i - 1] : 0) - 2 * u[i] + (i < n - 1 ? u[i + 1] : 0)) / (p[1] * p[1])).ToArray(),
            (_, _, p) =>
            {
                var j = new double[n, n];
                for (int i = 0; i < n; i++)
                {
                    j[i, i] = -2 * p[0] / (p[1] * p[1]);
                    if (i > 0) j[i, i - 1] = p[0] / (p[1] * p[1]);
                    if (i < n - 1) j[i, i + 1] = p[0] / (p[1] * p[1]);
                }
                return j;
            });
        Assert.Equal(MatrixStructure.Banded, OdeSystems.HeatSystem.JacobianPattern(Math.Max(n, 4)).Structure);
    }

    [Fact]
    public void NamesAndCountsDescribeTheSystems()
    {
        Assert.Equal(["x", "y", "z"], OdeSystems.LorenzSystem.StateNames);
        Assert.Equal(["sigma", "rho", "beta"], OdeSystems.LorenzSystem.ParameterNames);
        Assert.True(OdeSystems.LorenzSystem.IsAutonomous);
        Assert.False(OdeSystems.AirySystem.IsAutonomous);
        Assert.Equal(3, OdeSystems.RobertsonSystem.StateCount);
        Assert.Null(OdeSystems.HeatSystem.StateCount);
        Assert.Equal(2, OdeSystems.HeatSystem.MinimumStateCount);
        Assert.Throws<ArgumentException>(() => OdeSystems.HeatSystem.JacobianPattern(1));
        Assert.Throws<ArgumentException>(() => OdeSystems.LorenzSystem.Evaluate(0, new double[2], [10, 28, 3], new double[3]));
    }

    /// <summary>f and the dense Jacobian against the reference at the given state, then at random states and times near it.</summary>
    private static void Check<TSystem>(double[] y0, double[] parameters, Rhs rhs, Jac jac) where TSystem : IOdeSystem
    {
        var random = new Random(y0.Length);
        for (int draw = 0; draw < 8; draw++)
        {
            double t = draw == 0 ? 0 : 3 * random.NextDouble();
            var y = draw == 0 ? y0 : y0.Select(v => v + (2 * random.NextDouble() - 1) * Math.Max(1, Math.Abs(v))).ToArray();
            int n = y.Length;
            var f = new double[n];
            TSystem.Evaluate(t, y, parameters, f);
            var expected = rhs(t, y, parameters);
            for (int i = 0; i < n; i++)
                Assert.True(Close(f[i], expected[i]), $"{typeof(TSystem).Name} f{i} at t = {t}: generated {f[i]:R}, reference {expected[i]:R}");

            var pattern = TSystem.JacobianPattern(n);
            var values = new double[pattern.NonzeroCount];
            TSystem.Jacobian(t, y, parameters, values);
            var reference = jac(t, y, parameters);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    int k = pattern.IndexOf(i, j);
                    double generated = k < 0 ? 0 : values[k];
                    Assert.True(Close(generated, reference[i, j]), $"{typeof(TSystem).Name} ∂f{i}/∂y{j}: generated {generated:R}, reference {reference[i, j]:R}");
                }
            }
        }
    }

    /// <summary>Both follow the same formulas; the generator may fold constants or reorder a product: 1e-14 relative.</summary>
    private static bool Close(double actual, double expected) =>
        Math.Abs(actual - expected) <= 1e-14 * Math.Max(Math.Abs(expected), 1e-300) || actual == expected;
}
