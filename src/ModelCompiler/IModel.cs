// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// A compiled model y = f(x; p). The generator implements it as a struct with static members,
/// so solvers taking the model as a type parameter are specialized by the JIT: no delegates,
/// no virtual calls, no allocation per evaluation.
/// </summary>
/// <remarks>
/// Layouts: with n = <c>values.Length</c> points and V variables, <c>x</c> is column-major n×V
/// (variable v of point i at <c>x[v * n + i]</c>); with P parameters, <c>jacobian</c> is
/// column-major n×P (∂f(x_i)/∂p_j at <c>jacobian[j * n + i]</c>).
/// </remarks>
public interface IModel
{
    /// <summary>The formula as written by the user.</summary>
    static abstract string Formula { get; }

    /// <summary>Number of fitted parameters, P.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Number of independent variables, V.</summary>
    static abstract int VariableCount { get; }

    /// <summary>Names of the fitted parameters, in declaration order.</summary>
    static abstract IReadOnlyList<string> ParameterNames { get; }

    /// <summary>Names of the independent variables, in declaration order.</summary>
    static abstract IReadOnlyList<string> VariableNames { get; }

    /// <summary>
    /// True when the generator proved every ∂f/∂p_j free of parameters, so that the model
    /// is linear in its parameters and least squares needs no iteration.
    /// </summary>
    static abstract bool IsLinearInParameters { get; }

    /// <summary>
    /// Whether some exchange of parameters could leave the formula unchanged, as alike terms do (two Gaussian peaks).
    /// The generator says false when no permutation of the parameters leaves the formula the same, sums and products
    /// taken in any order; a fit then skips its search for exchangeable terms (<see cref="LeastSquares.CurveFitOptions.KeepStartLabels"/>).
    /// </summary>
    static virtual bool MayHaveExchangeableTerms => true;

    /// <summary>
    /// Whether a Jacobian column could be the rounding of its own formula, as sin(πx)'s is at integer x. The generator says
    /// false when every column reaches x only through operations that cannot cancel (products, quotients, exp, roots,
    /// constant powers…: no sum, difference, logarithm, trigonometric function or branch on x), and the fits then skip
    /// their check for such columns, which moves x by 8 ulps and evaluates the Jacobian twice.
    /// </summary>
    static virtual bool MayHaveRoundingNoiseColumns => true;

    /// <summary>Writes f(x_i; p) to <c>values[i]</c> for every point.</summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    static abstract void Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters, Span<double> values);

    /// <summary>Writes f(x_i; p) and every ∂f(x_i; p)/∂p_j in one pass over the points.</summary>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    static abstract void EvaluateWithJacobian(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters,
                                              Span<double> values, Span<double> jacobian);

    /// <summary>
    /// Evaluates a block of points and accumulates what least squares needs from it, vectorized over the points and
    /// without storing the Jacobian: with r the weighted residuals √wᵢ·(f(xᵢ; p) − yᵢ) and J the weighted Jacobian
    /// √wᵢ·∂f(xᵢ; p)/∂p_j, writes r to <paramref name="residuals"/> (unless it is empty: a pass that needs only the sums
    /// then stores nothing per point) and adds JᵀJ, Jᵀr and rᵀr to <paramref name="sums"/>.
    /// </summary>
    /// <remarks>
    /// With n = <c>y.Length</c> points: variable v of point i is <c>x[v * xStride + i]</c> (so a block of a larger
    /// column-major x is <c>x[start..]</c> with its stride); <paramref name="sqrtWeights"/> is empty for unit weights
    /// or holds √wᵢ per point; <paramref name="sums"/> is laid out as <see cref="Kernels.NormalEquationsLayout"/> says.
    /// Non-finite values or derivatives make the sums non-finite.
    /// </remarks>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    static abstract void AccumulateNormalEquations(ReadOnlySpan<double> x, int xStride, ReadOnlySpan<double> parameters,
                                                   ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights,
                                                   Span<double> residuals, Span<double> sums);

    /// <summary>
    /// The normal equations of W curves at once, one per SIMD lane: lane l of every vector carries curve l's
    /// parameters and data, and adds curve l's JᵀJ, Jᵀr and rᵀr to its lane of <paramref name="sums"/>. Curves of a
    /// few hundred points and a handful of parameters vectorize across curves this way, where they would not over
    /// their points. Each lane's arithmetic depends only on its own curve, so a curve's sums do not depend on the
    /// curves it shares a call with.
    /// </summary>
    /// <remarks>
    /// W = <c>parameters.Length / ParameterCount</c> lanes, n = <c>y.Length / W</c> points per curve, interleaved by
    /// lane: parameter j of lane l at <c>parameters[j * W + l]</c>, point i at <c>y[i * W + l]</c> and
    /// <c>sqrtWeights[i * W + l]</c> (empty for unit weights), sum s at <c>sums[s * W + l]</c> (the sums as
    /// <see cref="Kernels.NormalEquationsLayout"/> orders them). <paramref name="x"/> is either shared by all lanes,
    /// column-major n×V (variable v of point i at <c>x[v * n + i]</c>), or per lane with n·V·W values (at
    /// <c>x[(v * n + i) * W + l]</c>). Any W is valid; W equal to the width of the widest accelerated vector runs fastest.
    /// </remarks>
    /// <exception cref="ArgumentException">A span's length does not match the layout.</exception>
    static abstract void AccumulateNormalEquationsLanes(ReadOnlySpan<double> x, ReadOnlySpan<double> parameters,
                                                        ReadOnlySpan<double> y, ReadOnlySpan<double> sqrtWeights,
                                                        Span<double> sums);
}
