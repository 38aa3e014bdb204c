// SPDX-License-Identifier: MIT
using ModelCompiler.LeastSquares;

namespace ModelCompiler.Orleans;

/// <summary>
/// What a distributed batch fit fits: the curves of a binary curve file (raw little-endian float64, one curve of
/// n values after another, as <see cref="BinaryCurveReader.Write"/> writes it), all sharing the points
/// <see cref="X"/> and the start <see cref="Initial"/>, and where the results go. Both paths must name the same
/// file and folder on every silo (a shared or network file system).
/// </summary>
public sealed record CurveFitJob
{
    /// <summary>The binary curve file, readable by every silo.</summary>
    public required string InputPath { get; init; }

    /// <summary>
    /// The folder every silo writes the partitions' result files to (created when missing), one file per partition,
    /// named <c>partition-NNNNNN.mcfit</c> after the partition's index.
    /// </summary>
    public required string OutputDirectory { get; init; }

    /// <summary>The points, shared by every curve: n values, or column-major n×V for a model of V variables.</summary>
    public required double[] X { get; init; }

    /// <summary>The start of every curve, one value per parameter of the model.</summary>
    public required double[] Initial { get; init; }

    /// <summary>
    /// Whether each curve starts from <see cref="Initial"/> with the parameters the model is affine in solved for it
    /// (<see cref="CurveFit.StartSolvingLinear{TModel}"/>, weighted and bounded by <see cref="Setup"/>), as for curves that
    /// differ in scale. False: every curve starts at <see cref="Initial"/>.
    /// </summary>
    public bool SolveLinearPerCurve { get; init; }

    /// <summary>
    /// Number of curves to fit, from the first. Null: as many as the file holds, read from its length by the client
    /// (which then must see the file too).
    /// </summary>
    public long? CurveCount { get; init; }

    /// <summary>Sigma or weights, bounds and fixed parameters shared by every curve: each matrix with exactly one row.</summary>
    public BatchFitSetup? Setup { get; init; }

    /// <summary>
    /// The solver's options, as for <see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>.
    /// When <see cref="CurveFitOptions.MaxDegreeOfParallelism"/> is null each silo uses
    /// <see cref="CurveFitSiloOptions.MaxDegreeOfParallelism"/>. Null: <see cref="CurveFitOptions.Default"/>.
    /// </summary>
    public CurveFitOptions? FitOptions { get; init; }
}
