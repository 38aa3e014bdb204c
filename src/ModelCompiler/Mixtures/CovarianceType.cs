// SPDX-License-Identifier: MIT
namespace ModelCompiler.Mixtures;

/// <summary>
/// The covariance structure of a Gaussian mixture, scikit-learn's <c>covariance_type</c>. The shape of
/// the flat covariance and precision arrays follows scikit-learn's, in row-major order.
/// </summary>
public enum CovarianceType
{
    /// <summary>Each component has its own d×d covariance; arrays hold K·d·d values.</summary>
    Full,
    /// <summary>All components share one d×d covariance; arrays hold d·d values.</summary>
    Tied,
    /// <summary>Each component has its own diagonal covariance; arrays hold K·d variances.</summary>
    Diagonal,
    /// <summary>Each component has a single variance σₖ²·I; arrays hold K values.</summary>
    Spherical,
}
