// SPDX-License-Identifier: MIT
namespace ModelCompiler.Variational;

/// <summary>
/// The kept restart of <c>BleiCavi.Fit</c>: q(μₖ) = N(mₖ, s²ₖI), the ELBO after every
/// iteration, and why it stopped.
/// </summary>
public sealed record BleiCaviResult
{
    /// <summary>Posterior means mₖ (K×d).</summary>
    public required double[,] Means { get; init; }

    /// <summary>Posterior variances s²ₖ (K values).</summary>
    public required double[] Variances { get; init; }

    /// <summary>The prior variance σ² the fit used.</summary>
    public required double PriorVariance { get; init; }

    /// <summary>The full ELBO (every constant included) after the last iteration.</summary>
    public double Elbo => ElboTrace[^1];

    /// <summary>
    /// ELBO_1…ELBO_T of the kept restart, one per iteration, after the iteration's φ and q(μ) updates: a total over the
    /// points like every trace of the library, with every constant included.
    /// </summary>
    public required IReadOnlyList<double> ElboTrace { get; init; }

    /// <summary>Iterations of the kept restart.</summary>
    public int Iterations => ElboTrace.Count;

    /// <summary>Why the kept restart stopped.</summary>
    public required CaviTermination Termination { get; init; }

    /// <summary>True when the kept restart met the tolerance.</summary>
    public bool Converged => Termination == CaviTermination.Converged;

    /// <summary>Index of the kept restart (0-based).</summary>
    public required int BestRestart { get; init; }

    /// <summary>Final ELBO of every restart, in order.</summary>
    public required IReadOnlyList<double> RestartElbos { get; init; }

    /// <summary>
    /// What the caller should know about the kept fit: that the data's spread about the fitted means is far from the
    /// unit variance the model fixes (x in other units), where the posterior means are not the clusters'. Empty when
    /// nothing needs saying.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// q(cᵢ) = φᵢ for each row of <paramref name="x"/> (n×K) at the final parameters, the returned q(μ):
    /// ln φᵢₖ = xᵢᵀmₖ − ½(mₖᵀmₖ + d·s²ₖ), normalized by log-sum-exp.
    /// </summary>
    /// <remarks>
    /// An iteration updates φ first and q(μ) second, so on the training data this is not the φ of the last iteration
    /// (which the last q(μ) update and <see cref="Elbo"/> used) but one more φ-update from the returned q(μ): the φ the
    /// next iteration would start from. After convergence the two agree to the tolerance.
    /// </remarks>
    /// <exception cref="ArgumentException">x has another number of columns than the fit, or a non-finite value.</exception>
    public double[,] Assignments(double[,] x) => BleiCavi.Assignments(this, x);

    /// <summary>The ELBO and stop, then one line per component: its mean and posterior variance, then the warnings.</summary>
    public override string ToString()
    {
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var text = new System.Text.StringBuilder();
        text.Append(c, $"Blei CAVI, K = {Variances.Length}, σ² = {PriorVariance:G6}: ELBO = {Elbo:G10}; {Termination} after {Iterations} iterations (restart {BestRestart})\n");
        int d = Means.GetLength(1);
        for (int k = 0; k < Variances.Length; k++)
        {
            var mean = Enumerable.Range(0, d).Select(j => Means[k, j].ToString("G6", c));
            text.Append(c, $"component {k}: m = ({string.Join(", ", mean)}), s² = {Variances[k]:G3}\n");
        }
        foreach (string warning in Warnings)
            text.Append("warning: ").Append(warning).Append('\n');
        return text.ToString();
    }
}
