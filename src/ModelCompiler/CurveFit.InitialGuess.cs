// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler;

public static partial class CurveFit
{
    /// <summary>
    /// Initial values for <see cref="Fit{TModel}(double[], double[], double[], FitSetup, CurveFitOptions?, IProgress{FitProgress}?, CancellationToken)"/>
    /// when none are known: a heuristic start that is already a polished local minimum, the best one a coarse search found.
    /// </summary>
    /// <remarks>
    /// <para>What it does, in order:</para>
    /// <list type="number">
    /// <item>Parameters that are fixed in <paramref name="setup"/> or have a finite value in <paramref name="known"/> keep
    /// that value during the search; every other parameter is open.</item>
    /// <item>It finds the open parameters that enter the model linearly (jointly: the model is affine in them), from
    /// <see cref="IModel.IsLinearInParameters"/> or numerically: a parameter is linear when its Jacobian column, from
    /// <see cref="IModel.EvaluateWithJacobian"/> on the data, does not change when that parameter or another linear one
    /// changes.</item>
    /// <item>The remaining open parameters are drawn on a low-discrepancy design (Roberts' R2 sequence, 128·2^min(d, 5)
    /// points for d of them) whose values are scaled by the data: locations within the x range, widths from 1 % of it
    /// (or half the median spacing of the x values, when larger) to 3.2 times it, rates from 0.1 to 100 per x range (or
    /// 2 per median spacing, when smaller) and negative ones, plain numbers from 0.1 to 10; a parameter with two finite
    /// bounds is drawn between them. All other parameters start at 1 (or inside their bounds).</item>
    /// <item>For each candidate the linear parameters are solved by weighted linear least squares (and clipped to their
    /// bounds), so a candidate is judged by the best residual sum of squares it allows. The search uses at most 2048
    /// points, evenly spaced through the data.</item>
    /// <item>The 8 candidates with the lowest residual sum of squares are polished by Levenberg–Marquardt
    /// (<see cref="CurveFitOptions.Default"/>, bounds as in <paramref name="setup"/>, fixed and known parameters held) on
    /// all the data; the one that ends lowest is returned. One that the data do not determine does not count: a fit whose
    /// covariance is undefined or where a parameter's variance inflation factor (the diagonal of (ĴᵀĴ)⁻¹ for the
    /// weighted Jacobian with unit-norm columns) exceeds 1e12, as when a peak narrows onto a single point. While every
    /// polished candidate ends so, the polish goes on down the ranking, up to 64 candidates, and such a one is returned
    /// only when all of them end so.</item>
    /// </list>
    /// <para>The result depends only on the inputs (no random seed, no dependence on the thread count), so
    /// <c>Fit(x, y, GuessInitial(x, y, setup), setup)</c> is reproducible. It is a heuristic: a model with several
    /// nonlinear parameters of widely different scales may need initial values or <see cref="FitGlobal{TModel}(double[], double[], double[], FitSetup, MultiStartOptions?, CurveFitOptions?, IProgress{MultiStartProgress}?, CancellationToken)"/>.</para>
    /// </remarks>
    /// <param name="x">The variables, as for <c>Fit</c> (column-major n×V for several).</param>
    /// <param name="y">The responses.</param>
    /// <param name="setup">Sigma or weights, bounds and fixed parameters, as for <c>Fit</c>; the fixed ones take their values from <paramref name="known"/>.</param>
    /// <param name="known">Per parameter a value to keep during the search, or NaN for one to guess; null guesses all.</param>
    /// <param name="cancellationToken">Cancels between candidates and polishes (throws <see cref="OperationCanceledException"/>).</param>
    /// <returns>All parameters in the model's order (fixed and known ones at their values), inside any bounds.</returns>
    /// <exception cref="ArgumentException">The data or setup are invalid (as <c>Fit</c> reports them), a fixed parameter
    /// has no value in <paramref name="known"/>, a known value lies outside its bounds, or the model is not finite at
    /// any candidate.</exception>
    public static double[] GuessInitial<TModel>(double[] x, double[] y, FitSetup? setup = null, double[]? known = null,
                                                CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return InitialGuess.Find<TModel>(x, y, setup ?? FitSetup.None, known, cancellationToken);
    }
}
