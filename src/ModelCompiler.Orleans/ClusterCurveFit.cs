// SPDX-License-Identifier: MIT
using System.Diagnostics;
using ModelCompiler.LeastSquares;
using ModelCompiler.Orleans.Grains;

namespace ModelCompiler.Orleans;

/// <summary>
/// Batch curve fits on an Orleans cluster: the curves of a binary file are cut into partitions of consecutive curves,
/// each fitted by <see cref="CurveFit.FitMany{TModel}(double[], ICurveReader, IBatchFitWriter, double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>
/// on whichever silo Orleans places its grain and written to its own result file. A curve's result depends on its
/// own data alone, so the merged results equal a local <see cref="CurveFit.FitMany{TModel}(double[], double[,], double[], BatchFitSetup?, CurveFitOptions?, IProgress{BatchFitProgress}?, CancellationToken)"/>
/// of the same curves bit for bit, whichever silos fitted them and however often a partition was retried.
/// </summary>
public static class ClusterCurveFit
{
    /// <summary>
    /// Fits <paramref name="job"/> on the cluster behind <paramref name="client"/>, whose silos called
    /// <see cref="HostingExtensions.AddModelCompiler(ISiloBuilder, CurveFitSiloOptions?)"/>, and returns once every
    /// partition's result file is complete. The client's builder must have called
    /// <see cref="HostingExtensions.AddModelCompiler(IClientBuilder)"/>. A partition whose attempt fails is tried again, on a new grain that Orleans places anew, up to
    /// <see cref="ClusterFitOptions.MaxAttempts"/> times (<see cref="ClusterFitOptions"/> says what fails an attempt).
    /// </summary>
    /// <param name="client">A connected cluster client.</param>
    /// <param name="job">The curves, the shared points, start and setup, and where the results go.</param>
    /// <param name="options">Partitioning, concurrency, retries; null: <see cref="ClusterFitOptions.Default"/>.</param>
    /// <param name="progress">Reported after every poll of a partition, one report at a time, from the polling tasks.</param>
    /// <param name="cancellationToken">Cancels every running partition, waits until their grains have stopped (no
    /// temporary file is left and no partial file appears as complete), and throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="ArgumentException">The job or the options are invalid (the message names the property), or the input holds no curves.</exception>
    /// <exception cref="InvalidOperationException">Orleans does not accept <typeparamref name="TModel"/> in a grain type: the client's builder did not call <see cref="HostingExtensions.AddModelCompiler(IClientBuilder)"/>.</exception>
    /// <exception cref="FileNotFoundException"><see cref="CurveFitJob.CurveCount"/> is null and the client cannot see the input file.</exception>
    /// <exception cref="CurvePartitionException">A partition's input is missing or corrupt, or its attempts ran out.</exception>
    public static async Task<ClusterFitSummary> FitManyAsync<TModel>(IClusterClient client, CurveFitJob job, ClusterFitOptions? options = null,
                                                                     IProgress<ClusterFitProgress>? progress = null,
                                                                     CancellationToken cancellationToken = default)
        where TModel : IModel
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(job);
        options ??= ClusterFitOptions.Default;
        options.Validate();
        var template = JobTemplate<TModel>(job);
        long curveCount = job.CurveCount ?? CurvesInFile(job.InputPath, template.PointCount);
        // A job of no curves has no partitions and so no result files: it "succeeded", and ReadResults then had nothing to read.
        if (curveCount == 0)
            throw new ArgumentException($"{job.InputPath} holds no curves: there is nothing to fit.", nameof(job));
        string jobId = options.JobId ?? Guid.NewGuid().ToString("N");
        CheckModelTypeAllowed<TModel>(client, jobId);
        // Every run has grains of its own: a grain still active from an earlier run of the same JobId answered with that
        // run's state, so that running a job again over new data, or after a result file was deleted, reported success
        // and wrote nothing.
        string run = $"{jobId}/{Guid.NewGuid():N}";

        int partitionCount = checked((int)((curveCount + options.CurvesPerPartition - 1) / options.CurvesPerPartition));
        var works = new PartitionWork[partitionCount];
        for (int k = 0; k < partitionCount; k++)
        {
            long first = (long)k * options.CurvesPerPartition;
            works[k] = template with
            {
                Partition = k, FirstCurve = first, CurveCount = (int)Math.Min(options.CurvesPerPartition, curveCount - first),
                OutputPath = PartitionFile.PathOf(job.OutputDirectory, k), JobCurveCount = curveCount,
            };
        }

        var board = new ProgressBoard(works, curveCount, progress);
        var clock = Stopwatch.StartNew();
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(options.MaxConcurrentPartitions);
        var runs = works.Select(async work =>
        {
            await slots.WaitAsync(failed.Token);
            try
            {
                return await RunPartitionAsync<TModel>(client, run, work, options, board, failed.Token);
            }
            catch
            {
                // The first partition to fail stops the others (each cancels its grain before it returns).
                await failed.CancelAsync();
                throw;
            }
            finally
            {
                slots.Release();
            }
        }).ToArray();
        try
        {
            await Task.WhenAll(runs);
        }
        catch
        {
            cancellationToken.ThrowIfCancellationRequested();
            var failure = runs.Where(r => r.IsFaulted).Select(r => r.Exception!.InnerException).OfType<CurvePartitionException>()
                              .OrderBy(e => e.Partition).FirstOrDefault();
            if (failure is not null)
                throw failure;
            throw;
        }
        var partitions = runs.Select(r => r.Result).ToArray();
        return new ClusterFitSummary(jobId, TModel.Formula, curveCount, partitions.Sum(p => p.Converged), partitions, clock.Elapsed);
    }

    /// <summary>Merges the result files of a completed job into one result, curve c at index c.</summary>
    /// <exception cref="InvalidDataException">A file is missing its end, or the files do not cover the job's curves exactly once.</exception>
    /// <exception cref="FileNotFoundException">A partition's result file is gone.</exception>
    public static BatchFitResult ReadResults(ClusterFitSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var merged = PartitionFile.ReadMerged(summary.OutputPaths);
        if (merged.CurveCount != summary.CurveCount)
            throw new InvalidDataException($"The partition files hold {merged.CurveCount} curves, the job {summary.CurveCount}.");
        return merged;
    }

    /// <summary>One partition's attempts, until one completes or the last fails.</summary>
    private static async Task<PartitionSummary> RunPartitionAsync<TModel>(IClusterClient client, string run, PartitionWork work,
                                                                          ClusterFitOptions options, ProgressBoard board,
                                                                          CancellationToken cancellationToken)
        where TModel : IModel
    {
        string where = $"Partition {work.Partition} (curves {work.FirstCurve}–{work.FirstCurve + work.CurveCount - 1} of {work.InputPath})";
        string? lastError = null;
        for (int attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
                await Task.Delay(options.RetryDelay, cancellationToken);
            var grain = client.GetGrain<ICurveBatchGrain<TModel>>($"{run}/{work.Partition}/{attempt}");
            board.Update(new PartitionProgress
            {
                Partition = work.Partition, FirstCurve = work.FirstCurve, CurveCount = work.CurveCount,
                State = PartitionState.Queued, Attempt = attempt, Error = lastError,
            });
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.PartitionTimeout);
            try
            {
                await grain.StartAsync(work).WaitAsync(deadline.Token);
                while (true)
                {
                    await Task.Delay(options.PollInterval, deadline.Token);
                    var status = await grain.GetProgressAsync().WaitAsync(deadline.Token);
                    board.Update(status with { Attempt = attempt, Error = status.Error ?? lastError });
                    switch (status.State)
                    {
                        case PartitionState.Completed:
                            return new PartitionSummary(work.Partition, work.FirstCurve, work.CurveCount, status.Converged, attempt,
                                                        status.Silo ?? "", work.OutputPath);
                        case PartitionState.InputError:
                            throw new CurvePartitionException(work.Partition, work.InputPath, attempt, isInputError: true, status.Error ?? where);
                        case PartitionState.Pending:
                            lastError = $"{where}: attempt {attempt} was lost with its silo.";
                            break;
                        case PartitionState.Faulted:
                        case PartitionState.Cancelled:
                            lastError = status.Error ?? $"{where}: attempt {attempt} ended {status.State}.";
                            break;
                        default:
                            continue;
                    }
                    break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await StopAsync(grain);
                throw;
            }
            catch (OperationCanceledException)
            {
                lastError = $"{where}: attempt {attempt} did not finish within {options.PartitionTimeout}.";
                _ = StopAsync(grain);
            }
            catch (Exception e) when (e is not CurvePartitionException)
            {
                lastError = $"{where}: attempt {attempt} failed: {e.GetType().Name}: {e.Message}";
            }
        }
        throw new CurvePartitionException(work.Partition, work.InputPath, options.MaxAttempts, isInputError: false,
                                          $"{where} failed {options.MaxAttempts} attempt(s). The last: {lastError}");
    }

    /// <summary>A grain reference names its model type, which Orleans checks against its allowed types; fail before any partition starts.</summary>
    private static void CheckModelTypeAllowed<TModel>(IClusterClient client, string jobId)
        where TModel : IModel
    {
        try
        {
            client.GetGrain<ICurveBatchGrain<TModel>>(jobId);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException(
                $"Orleans does not accept the model type {typeof(TModel)} in a grain type: call AddModelCompiler() on the client's builder (and on every silo's). {e.Message}", e);
        }
    }

    /// <summary>Asks a grain to stop its work and waits until it has (briefly: its silo may be gone).</summary>
    private static async Task StopAsync<TModel>(ICurveBatchGrain<TModel> grain)
        where TModel : IModel
    {
        try
        {
            await grain.CancelAsync().WaitAsync(StopTimeout);
        }
        catch (Exception)
        {
            // The grain's silo is unreachable: its work, if any, dies with it and leaves only a temporary file.
        }
    }

    /// <summary>How long cancellation waits for a grain to confirm that its fit stopped.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The wire form of the job, checked; each partition fills in its range and file.</summary>
    private static PartitionWork JobTemplate<TModel>(CurveFitJob job)
        where TModel : IModel
    {
        if (string.IsNullOrWhiteSpace(job.InputPath))
            throw new ArgumentException($"{nameof(CurveFitJob.InputPath)} is empty.", nameof(job));
        if (string.IsNullOrWhiteSpace(job.OutputDirectory))
            throw new ArgumentException($"{nameof(CurveFitJob.OutputDirectory)} is empty.", nameof(job));
        ArgumentNullException.ThrowIfNull(job.X, $"{nameof(job)}.{nameof(CurveFitJob.X)}");
        ArgumentNullException.ThrowIfNull(job.Initial, $"{nameof(job)}.{nameof(CurveFitJob.Initial)}");
        int variables = TModel.VariableCount, parameters = TModel.ParameterCount;
        if (job.X.Length == 0 || job.X.Length % variables != 0)
            throw new ArgumentException($"{nameof(CurveFitJob.X)} has {job.X.Length} values, not n ≥ 1 points of {variables} variable(s) each.", nameof(job));
        int n = job.X.Length / variables;
        for (int i = 0; i < job.X.Length; i++)
            if (!double.IsFinite(job.X[i]))
                throw new ArgumentException($"{nameof(CurveFitJob.X)}[{i}] is {job.X[i]}; the points must be finite.", nameof(job));
        if (job.Initial.Length != parameters)
            throw new ArgumentException($"{nameof(CurveFitJob.Initial)} has {job.Initial.Length} values; {TModel.Formula} has {parameters} parameters.", nameof(job));
        if (job.CurveCount is < 0)
            throw new ArgumentException($"{nameof(CurveFitJob.CurveCount)} must be ≥ 0, got {job.CurveCount}.", nameof(job));
        var fitOptions = job.FitOptions ?? CurveFitOptions.Default;
        if (!fitOptions.IsValid(out string? error))
            throw new ArgumentException($"{nameof(CurveFitJob.FitOptions)}: {error}", nameof(job));
        if (fitOptions.Method != LeastSquaresMethod.LevenbergMarquardt)
            throw new ArgumentException($"{nameof(CurveFitJob.FitOptions)}: a batch fit runs {nameof(LeastSquaresMethod.LevenbergMarquardt)}, not {fitOptions.Method}.", nameof(job));
        var setup = job.Setup ?? BatchFitSetup.None;
        var work = new PartitionWork
        {
            InputPath = job.InputPath, PointCount = n, X = job.X.ToArray(), Initial = job.Initial.ToArray(),
            Sigma = SingleRow(setup.Sigma, n, nameof(BatchFitSetup.Sigma)),
            Weights = SingleRow(setup.Weights, n, nameof(BatchFitSetup.Weights)),
            LowerBounds = SingleRow(setup.LowerBounds, parameters, nameof(BatchFitSetup.LowerBounds)),
            UpperBounds = SingleRow(setup.UpperBounds, parameters, nameof(BatchFitSetup.UpperBounds)),
            Fixed = SingleRow(setup.Fixed, parameters, nameof(BatchFitSetup.Fixed)),
            FitOptions = FitOptionsJson.Write(fitOptions),
            SolveLinearPerCurve = job.SolveLinearPerCurve,
        };
        if (work.SolveLinearPerCurve)
        {
            // Here, before any silo starts: a start the rule cannot use is the job's fault, not a partition's.
            try
            {
                PartitionRunner.StartRule<TModel>(work);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"{nameof(CurveFitJob.SolveLinearPerCurve)}: {e.Message}", nameof(job), e);
            }
        }
        return work;
    }

    private static T[]? SingleRow<T>(T[,]? matrix, int width, string name)
    {
        if (matrix is null)
            return null;
        if (matrix.GetLength(0) != 1 || matrix.GetLength(1) != width)
            throw new ArgumentException(
                $"{nameof(CurveFitJob.Setup)}.{name} is {matrix.GetLength(0)}×{matrix.GetLength(1)}; a cluster batch shares its setup, so it must be 1×{width}.", "job");
        var row = new T[width];
        for (int j = 0; j < width; j++)
            row[j] = matrix[0, j];
        return row;
    }

    private static long CurvesInFile(string path, int pointCount)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
            throw new FileNotFoundException($"The input file {path} does not exist here; give {nameof(CurveFitJob.CurveCount)} when only the silos see it.", path);
        if (file.Length % (8L * pointCount) != 0)
            throw new InvalidDataException($"The input file {path} has {file.Length} bytes, not a whole number of curves of {pointCount} float64 values.");
        return file.Length / (8L * pointCount);
    }

    /// <summary>Every partition's latest progress, and the job's sums, reported on each update.</summary>
    private sealed class ProgressBoard
    {
        private readonly PartitionProgress[] _partitions;
        private readonly long _curveCount;
        private readonly IProgress<ClusterFitProgress>? _progress;

        public ProgressBoard(PartitionWork[] works, long curveCount, IProgress<ClusterFitProgress>? progress)
        {
            _partitions = works.Select(w => new PartitionProgress { Partition = w.Partition, FirstCurve = w.FirstCurve, CurveCount = w.CurveCount }).ToArray();
            _curveCount = curveCount;
            _progress = progress;
        }

        public void Update(PartitionProgress partition)
        {
            lock (_partitions)
            {
                _partitions[partition.Partition] = partition;
                if (_progress is null)
                    return;
                var copy = _partitions.ToArray();
                var snapshot = new ClusterFitProgress(copy.Sum(p => p.CurvesFinished), _curveCount, copy.Sum(p => p.Converged),
                                                  copy.Count(p => p.State == PartitionState.Completed), copy);
                // Inside the lock, so that reports come one at a time and in order.
                _progress.Report(snapshot);
            }
        }
    }
}
