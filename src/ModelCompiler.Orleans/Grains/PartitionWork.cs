// SPDX-License-Identifier: MIT
namespace ModelCompiler.Orleans.Grains;

/// <summary>
/// One partition of a job as it travels to a silo: curves [<see cref="FirstCurve"/>, <see cref="FirstCurve"/> +
/// <see cref="CurveCount"/>) of <see cref="InputPath"/>, the shared points, start and setup (one row each, flattened),
/// the solver's options as JSON (so that every option of <see cref="LeastSquares.CurveFitOptions"/> travels, present
/// and future), and the result file to write.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PartitionWork
{
    /// <summary>The partition's index in the job.</summary>
    [Id(0)] public int Partition { get; init; }

    /// <summary>First curve's index in the input file.</summary>
    [Id(1)] public long FirstCurve { get; init; }

    /// <summary>Number of curves.</summary>
    [Id(2)] public int CurveCount { get; init; }

    /// <summary>The binary curve file.</summary>
    [Id(3)] public string InputPath { get; init; } = "";

    /// <summary>Points per curve, n.</summary>
    [Id(4)] public int PointCount { get; init; }

    /// <summary>The shared points.</summary>
    [Id(5)] public double[] X { get; init; } = [];

    /// <summary>The shared start.</summary>
    [Id(6)] public double[] Initial { get; init; } = [];

    /// <summary>The setup's sigma row, if any.</summary>
    [Id(7)] public double[]? Sigma { get; init; }

    /// <summary>The setup's weights row, if any.</summary>
    [Id(8)] public double[]? Weights { get; init; }

    /// <summary>The setup's lower bounds row, if any.</summary>
    [Id(9)] public double[]? LowerBounds { get; init; }

    /// <summary>The setup's upper bounds row, if any.</summary>
    [Id(10)] public double[]? UpperBounds { get; init; }

    /// <summary>The setup's fixed-parameter row, if any.</summary>
    [Id(11)] public bool[]? Fixed { get; init; }

    /// <summary>The solver's options as JSON (<see cref="FitOptionsJson"/>).</summary>
    [Id(12)] public string FitOptions { get; init; } = "{}";

    /// <summary>The result file to write.</summary>
    [Id(13)] public string OutputPath { get; init; } = "";

    /// <summary>Whether each curve's affine parameters are solved from the shared start (<see cref="CurveFit.StartSolvingLinear{TModel}"/>).</summary>
    [Id(14)] public bool SolveLinearPerCurve { get; init; }

    /// <summary>The job's curve count, which the result file records so that a set of files missing its last partitions shows it.</summary>
    [Id(15)] public long JobCurveCount { get; init; }
}
