// SPDX-License-Identifier: MIT
using ModelCompiler.Mixtures;

namespace ModelCompiler.Tests.Mixtures;

public sealed class GaussianMixtureWarmStartTests
{
    [Fact]
    public void A_warm_fit_measures_its_first_change_from_the_last_fits_bound()
    {
        // scikit-learn 1.2.1's fit_predict: lower_bound = -inf if do_init else self.lower_bound_, so a warm refit of a
        // settled mixture converges in its first iteration; measured from −∞ it could not stop before the second.
        double[,] x = SyntheticMixtures.ThreeClusters2D(3000, 2);
        var gmm = new GaussianMixture(3, new GaussianMixtureOptions { Em = new EmOptions { Tolerance = 1e-3, WarmStart = true } }).Fit(x);
        Assert.True(gmm.Converged && gmm.Iterations > 1, gmm.FitSummary.ToString());
        gmm.Fit(x);
        Assert.True(gmm.Converged, gmm.FitSummary.ToString());
        Assert.Equal(1, gmm.Iterations);
    }
}
