// SPDX-License-Identifier: MIT
namespace ModelCompiler.Orleans;

/// <summary>One per silo: lets <see cref="CurveFitSiloOptions.MaxConcurrentFits"/> partitions fit at a time.</summary>
internal sealed class FitGate(CurveFitSiloOptions options)
{
    private readonly SemaphoreSlim _slots = new(options.MaxConcurrentFits, options.MaxConcurrentFits);

    public CurveFitSiloOptions Options { get; } = options;

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();
}
