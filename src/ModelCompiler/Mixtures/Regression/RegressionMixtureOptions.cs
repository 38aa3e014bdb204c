// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures.Regression;

/// <summary>
/// Options of <see cref="RegressionMixture"/>. EM stops when the mean log-likelihood per point changes by less than
/// <see cref="Tolerance"/> between iterations (|ℓ_t − ℓ_{t−1}| &lt; tol), or after <see cref="MaxIterations"/>.
/// </summary>
public sealed record RegressionMixtureOptions
{
    /// <summary>K, the number of regression components (1 ≤ K ≤ number of points).</summary>
    public int Components { get; init; } = 2;

    /// <summary>The noise distribution of every component.</summary>
    public Noise Noise { get; init; } = Noise.Gaussian;

    /// <summary>Stop when the mean log-likelihood changes by less than this; zero runs every iteration.</summary>
    public double Tolerance { get; init; } = 1e-12;

    /// <summary>EM iterations per initialization at most.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>Random starts (each a random partition of the points); the largest final likelihood is kept.</summary>
    public int Initializations { get; init; } = 5;

    /// <summary>Seeds the random starts: the same seed gives the same fit.</summary>
    public int Seed { get; init; }

    /// <summary>The most threads a fit uses; null uses every core. Results do not depend on it.</summary>
    public int? MaxDegreeOfParallelism { get; init; }

    /// <summary>A component's scale never falls below this fraction of the data's spread (|y − ȳ| mean), so a component
    /// that interpolates a few points exactly cannot send the likelihood to infinity.</summary>
    public double MinimumRelativeScale { get; init; } = 1e-8;

    internal EmOptions ToEmOptions() => new()
    {
        Tolerance = Tolerance,
        MaxIterations = MaxIterations,
        InitializationCount = Initializations,
        Seed = Seed,
        MaxDegreeOfParallelism = MaxDegreeOfParallelism,
    };

    internal void Validate()
    {
        if (Components < 1)
            throw new ArgumentException($"Components must be at least 1, got {Components}.", nameof(Components));
        if (!Enum.IsDefined(Noise))
            throw new ArgumentException($"Unknown noise {Noise}.", nameof(Noise));
        if (!(MinimumRelativeScale > 0) || double.IsInfinity(MinimumRelativeScale))
            throw new ArgumentException($"MinimumRelativeScale must be positive and finite, got {MinimumRelativeScale}.", nameof(MinimumRelativeScale));
        ToEmOptions().Validate();
    }
}

/// <summary>Explicit starting parameters: weights (summing to 1), coefficients θₖ (K rows of P) and scales (σₖ or bₖ, positive).</summary>
public sealed record RegressionMixtureStart(double[] Weights, double[][] Coefficients, double[] Scales);
