// SPDX-License-Identifier: MIT
namespace ModelCompiler.LeastSquares;

/// <summary>
/// Writes the start of curve <paramref name="curve"/> (its place in the stream, from 0) into <paramref name="start"/>, one
/// value per parameter in the model's order: from the curve's values <paramref name="y"/>, as scipy users compute p0 from
/// the data, or from wherever the caller keeps starts (an earlier frame's results, another file), by the curve's index.
/// </summary>
/// <remarks>
/// A streamed batch calls it once per curve, in curve order, on the thread that reads the stream, before the curve's
/// block is fitted. <paramref name="start"/> holds NaN on entry: a value left unwritten is reported as such.
/// </remarks>
public delegate void CurveStart(long curve, ReadOnlySpan<double> y, Span<double> start);
