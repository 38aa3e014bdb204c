// SPDX-License-Identifier: MIT
using Microsoft.Extensions.DependencyInjection;
using ModelCompiler.LeastSquares;
using Orleans.Placement;

namespace ModelCompiler.Orleans.Grains;

/// <summary>
/// Fits one attempt at one partition on the silo that activates it. The fit runs on the thread pool behind the
/// silo's <see cref="FitGate"/>, never on the grain's scheduler, so polls and cancellation are answered while it runs.
/// Placement by activation count spreads a job's partitions over the silos.
/// </summary>
[ActivationCountBasedPlacement]
internal sealed class CurveBatchGrain<TModel> : Grain, ICurveBatchGrain<TModel>
    where TModel : IModel
{
    private readonly FitGate _gate;
    private readonly CancellationTokenSource _cancel = new();
    private Task? _work;
    private volatile PartitionProgress _progress = new() { State = PartitionState.Pending };
    private long _finished, _converged;

    public CurveBatchGrain(IServiceProvider services)
    {
        _gate = services.GetService<FitGate>()
                ?? throw new InvalidOperationException($"This silo cannot fit curve batches: call {nameof(HostingExtensions.AddModelCompiler)}() on its silo builder.");
    }

    public Task StartAsync(PartitionWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (_work is null)
        {
            _progress = new PartitionProgress
            {
                Partition = work.Partition, FirstCurve = work.FirstCurve, CurveCount = work.CurveCount,
                State = PartitionState.Queued, Silo = RuntimeIdentity,
            };
            _work = Task.Run(() => Run(work, _cancel.Token));
        }
        return Task.CompletedTask;
    }

    public Task<PartitionProgress> GetProgressAsync()
    {
        var progress = _progress;
        return Task.FromResult(progress.State == PartitionState.Running
            ? progress with { CurvesFinished = Interlocked.Read(ref _finished), Converged = Interlocked.Read(ref _converged) }
            : progress);
    }

    public async Task CancelAsync()
    {
        await _cancel.CancelAsync();
        if (_work is not null)
            await _work;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // A silo shutting down takes the work with it: stop the fit so that it leaves no temporary file behind.
        await _cancel.CancelAsync();
        if (_work is not null)
            await _work.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        // The source is not disposed: a fit that outlives the deactivation timeout still holds its token.
    }

    /// <summary>Runs the fit and publishes how it ended; never throws.</summary>
    private async Task Run(PartitionWork work, CancellationToken cancellationToken)
    {
        string where = $"Partition {work.Partition} (curves {work.FirstCurve}–{work.FirstCurve + work.CurveCount - 1} of {work.InputPath})";
        try
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                _progress = _progress with { State = PartitionState.Running };
                var progress = new Tally(this);
                long converged = PartitionRunner.Run<TModel>(work, _gate.Options.MaxDegreeOfParallelism, progress, cancellationToken);
                _progress = _progress with
                {
                    State = PartitionState.Completed, CurvesFinished = work.CurveCount, Converged = converged, OutputPath = work.OutputPath,
                };
            }
            finally
            {
                _gate.Release();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _progress = _progress with { State = PartitionState.Cancelled, Error = $"{where}: cancelled." };
        }
        catch (PartitionInputException e)
        {
            _progress = _progress with { State = PartitionState.InputError, Error = $"{where}: {e.Message}" };
        }
        catch (Exception e)
        {
            _progress = _progress with { State = PartitionState.Faulted, Error = $"{where} on silo {RuntimeIdentity}: {e.GetType().Name}: {e.Message}" };
        }
    }

    /// <summary>Keeps the running counts, reported from the solver's worker threads.</summary>
    private sealed class Tally(CurveBatchGrain<TModel> grain) : IProgress<BatchFitProgress>
    {
        public void Report(BatchFitProgress value)
        {
            Interlocked.Exchange(ref grain._finished, value.CurvesFinished);
            Interlocked.Exchange(ref grain._converged, value.Converged);
        }
    }
}
