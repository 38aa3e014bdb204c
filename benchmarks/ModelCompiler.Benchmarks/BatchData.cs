// SPDX-License-Identifier: MIT
namespace ModelCompiler.Benchmarks;

/// <summary>
/// The batch benchmark problems, generated curve by curve so that any curve (and any sample of curves) can be
/// drawn alone, here and in benchmarks/peers (batch_curve_fit.py, ceres_batch.cc) with the same arithmetic.
/// Curve c draws from SplitMix64 started at Seed + c·2³²: uniforms u = (z ≫ 11)·2⁻⁵³, Gaussians by Box–Muller
/// from two uniforms, g = √(−2 ln(1 − u₁))·cos(2πu₂). The true parameters come first, then one Gaussian per point;
/// the noise is Poisson-like, y = λ + √λ·g with λ the model's value. Starts are taken from the data the way a
/// user would: amplitude max − min, background min, and fixed guesses for the rest.
/// </summary>
public sealed class BatchData
{
    private BatchData(string name, int points, int variables, double[] x, Func<double[], double, double, double> model,
                      Func<Random64, double[]> truth, Func<double[], double[]> start, ulong seed)
    {
        Name = name;
        PointCount = points;
        VariableCount = variables;
        X = x;
        _model = model;
        _truth = truth;
        _start = start;
        Seed = seed;
    }

    private readonly Func<double[], double, double, double> _model;
    private readonly Func<Random64, double[]> _truth;
    private readonly Func<double[], double[]> _start;

    public string Name { get; }
    public int PointCount { get; }
    public int VariableCount { get; }
    public ulong Seed { get; }

    /// <summary>The points, shared by every curve, column-major n×V.</summary>
    public double[] X { get; }

    /// <summary>15×15 pixels (x the column, y the row) of a·exp(−((x−x0)² + (y−y0)²)/(2s²)) + b.</summary>
    public static BatchData Spots()
    {
        const int side = 15, n = side * side;
        var x = new double[2 * n];
        for (int i = 0; i < n; i++)
            (x[i], x[n + i]) = (i % side, i / side);
        return new BatchData("spots", n, 2, x,
            (p, u, v) =>
            {
                double du = u - p[1], dv = v - p[2];
                return p[0] * Math.Exp(-(du * du + dv * dv) / (2 * p[3] * p[3])) + p[4];
            },
            r => [200 + 800 * r.Uniform(), 5.5 + 3 * r.Uniform(), 5.5 + 3 * r.Uniform(), 1.2 + 0.8 * r.Uniform(), 10 + 20 * r.Uniform()],
            y => [y.Max() - y.Min(), 7, 7, 1.5, y.Min()],
            20240602);
    }

    /// <summary>64 time channels t = 0…63 of a·exp(−t/τ) + b.</summary>
    public static BatchData Decays()
    {
        const int n = 64;
        var t = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        return new BatchData("decays", n, 1, t,
            (p, u, _) => p[0] * Math.Exp(-u / p[1]) + p[2],
            r => [500 + 1500 * r.Uniform(), 4 + 16 * r.Uniform(), 2 + 18 * r.Uniform()],
            y => [y.Max() - y.Min(), 10, y.Min()],
            20240603);
    }

    /// <summary>Curves [first, first + count): y (count×n) and the starts (count×P).</summary>
    public (double[,] Y, double[,] Starts) Generate(long first, int count)
    {
        int n = PointCount;
        var y = new double[count, n];
        double[,]? starts = null;
        Parallel.For(0, count, c =>
        {
            var random = new Random64(Seed + ((ulong)(first + c) << 32));
            double[] p = _truth(random);
            var row = new double[n];
            for (int i = 0; i < n; i++)
            {
                double lambda = _model(p, X[i], VariableCount > 1 ? X[n + i] : 0);
                row[i] = lambda + Math.Sqrt(lambda) * random.Gaussian();
                y[c, i] = row[i];
            }
            double[] start = _start(row);
            lock (y)
                starts ??= new double[count, start.Length];
            for (int j = 0; j < start.Length; j++)
                starts[c, j] = start[j];
        });
        return (y, starts!);
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014).</summary>
    public sealed class Random64(ulong state)
    {
        public ulong Next()
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        public double Uniform() => (Next() >> 11) * (1.0 / 9007199254740992.0);

        public double Gaussian()
        {
            double u1 = Uniform(), u2 = Uniform();
            return Math.Sqrt(-2.0 * Math.Log(1.0 - u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }
}
