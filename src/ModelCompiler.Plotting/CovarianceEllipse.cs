// SPDX-License-Identifier: MIT
namespace ModelCompiler.Plotting;

/// <summary>The contour (p − μ)ᵀΣ⁻¹(p − μ) = r² of a 2×2 covariance Σ, as a closed polygon.</summary>
internal static class CovarianceEllipse
{
    /// <summary>
    /// <paramref name="points"/> points on the ellipse of Mahalanobis radius <paramref name="radius"/> about
    /// (<paramref name="cx"/>, <paramref name="cy"/>) for the covariance [[sxx, sxy], [sxy, syy]].
    /// </summary>
    public static (double[] X, double[] Y) Polygon(double cx, double cy, double sxx, double sxy, double syy, double radius, int points = 120)
    {
        // Eigen-decomposition of the symmetric 2×2 matrix: λ = m ± √(d² + b²) with m the mean diagonal, d half their
        // difference; the major axis is at angle ½·atan2(2b, a − c).
        double mean = 0.5 * (sxx + syy), half = 0.5 * (sxx - syy);
        double root = Math.Sqrt(half * half + sxy * sxy);
        double major = Math.Sqrt(Math.Max(mean + root, 0)), minor = Math.Sqrt(Math.Max(mean - root, 0));
        double angle = 0.5 * Math.Atan2(2 * sxy, sxx - syy);
        double cos = Math.Cos(angle), sin = Math.Sin(angle);
        var x = new double[points];
        var y = new double[points];
        for (int i = 0; i < points; i++)
        {
            double t = 2 * Math.PI * i / points;
            double u = radius * major * Math.Cos(t), v = radius * minor * Math.Sin(t);
            x[i] = cx + u * cos - v * sin;
            y[i] = cy + u * sin + v * cos;
        }
        return (x, y);
    }
}
