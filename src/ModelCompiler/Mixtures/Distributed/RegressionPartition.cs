// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;
using System.Reflection;
using ModelCompiler.Mixtures.Regression;

namespace ModelCompiler.Mixtures.Distributed;

/// <summary>
/// A partition's work for a linear regression mixture (its E-step and its design's sums): the generated mixture type
/// named by the task is resolved on this machine (it must be loaded here) and its family runs over the shard,
/// specialized by the JIT as on a coordinator.
/// </summary>
internal static class RegressionPartition
{
    private delegate double[] Runner(PartitionTask task, ColumnData data, EmExecution execution);

    private static readonly ConcurrentDictionary<string, Runner> Runners = new();

    public static double[] Run(PartitionTask task, ColumnData data, EmExecution execution)
    {
        string name = task.ModelType ?? throw new ArgumentException("A regression task names its generated mixture type; ModelType is null.", nameof(task));
        return Runners.GetOrAdd(name, Resolve)(task, data, execution);
    }

    private static Runner Resolve(string name)
    {
        Type mixture = Type.GetType(name)
            ?? throw new ArgumentException($"The mixture type '{name}' is not loaded on this machine; deploy its assembly with the partitions.", "task");
        Type? model = mixture.GetInterfaces()
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRegressionMixture<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault();
        if (model is null)
            throw new ArgumentException($"'{name}' is not a generated regression mixture (it does not implement IRegressionMixture<TModel>).", "task");
        MethodInfo method = typeof(RegressionPartition).GetMethod(nameof(RunTyped), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(mixture, model);
        return method.CreateDelegate<Runner>();
    }

    private static double[] RunTyped<TMixture, TModel>(PartitionTask task, ColumnData data, EmExecution execution)
        where TMixture : IRegressionMixture<TModel>
        where TModel : IModel
    {
        if (data.Dimension != TModel.VariableCount + 1)
            throw new ArgumentException(
                $"The shard has {data.Dimension} columns; '{TModel.Formula}' needs {TModel.VariableCount} variable(s) and then y.", "task");
        Partitions whole = Partitions.Single(data.PointCount);
        var family = new LinearRegressionMixtureFamily<TMixture, TModel>(data, RegressionMixtureOptions.Default, spread: 1, whole);
        int p = TModel.ParameterCount;
        switch (task.Kind)
        {
            case PartitionTaskKind.RegressionDesignSums:
                return family.DesignSums();
            case PartitionTaskKind.RegressionDesignGram:
                PartitionShard.RequireLength(task.Payload, p, "design column means");
                return family.CentredDesignGram(task.Payload);
        }
        (RegressionMixtureParameters parameters, double[]? transform) = RegressionPayload.Read(task.Payload, TMixture.Components, p);
        if (transform is not null)
            family.UseTransform(transform);
        family.RestoreParameters(parameters);
        var pass = new LocalEStep<LinearRegressionMixtureFamily<TMixture, TModel>, RegressionMixtureParameters>(
            family, whole, execution, keepPointLogLikelihood: false);
        return PartitionShard.RunWithStatistics(pass, family.StatisticsLength);
    }
}
