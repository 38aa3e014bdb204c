// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Writes the start of curve <paramref name="curve"/> (its place in the stream, from 0) into <paramref name="start"/>, one
/// value per parameter in the model's order: from the curve's values <paramref name="y"/>, as scipy users compute p0 from
/// the data, or from wherever the caller keeps starts (an earlier frame's results, another file), by the curve's index.
/// </summary>
/// <remarks>
/// A batch calls a rule of yours once per curve, in curve order, on the thread that called <c>FitMany</c> (a streamed
/// batch: before the curve's block is fitted); the library's own rule (<see cref="CurveFit.StartSolvingLinear{TModel}"/>)
/// runs on several threads. <paramref name="start"/> holds NaN on entry: a value left unwritten is reported as such.
/// </remarks>
public delegate void CurveStart(long curve, ReadOnlySpan<double> y, Span<double> start);

/// <summary>
/// Writes the start of curve <paramref name="curve"/>, which has its own points <paramref name="x"/> (n·V values:
/// variable 0 of the n points, then variable 1, …) and values <paramref name="y"/>, into <paramref name="start"/>: the
/// rule of a batch whose curves were not all measured at the same x, where a start read off the data needs the curve's x.
/// </summary>
/// <remarks>Called as <see cref="CurveStart"/> is; the library's own rule is <see cref="CurveFit.StartSolvingLinearOnOwnX{TModel}"/>.</remarks>
public delegate void CurveStartOnX(long curve, ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> start);
