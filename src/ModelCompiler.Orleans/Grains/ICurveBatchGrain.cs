// SPDX-License-Identifier: MIT
namespace ModelCompiler.Orleans.Grains;

/// <summary>
/// One attempt at one partition of a distributed batch fit of <typeparamref name="TModel"/>, keyed
/// <c>job/partition/attempt</c>. <see cref="StartAsync"/> returns at once and the fit runs on the silo's thread pool;
/// the caller polls <see cref="GetProgressAsync"/>. A grain activated afresh (its silo stopped) reports
/// <see cref="PartitionState.Pending"/>, which tells the caller the attempt was lost. Every call is short, so the
/// cluster's response timeout bounds how long a dead silo goes unnoticed, whatever a partition's size.
/// </summary>
/// <typeparam name="TModel">The generated model type; its assembly must be loaded on every silo.</typeparam>
public interface ICurveBatchGrain<TModel> : IGrainWithStringKey
    where TModel : IModel
{
    /// <summary>Starts fitting <paramref name="work"/> unless this grain already has work (a repeated call does nothing).</summary>
    Task StartAsync(PartitionWork work);

    /// <summary>Where the work stands.</summary>
    Task<PartitionProgress> GetProgressAsync();

    /// <summary>Cancels the work and returns once it has stopped (its temporary file deleted).</summary>
    Task CancelAsync();
}
