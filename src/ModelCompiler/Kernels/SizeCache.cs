// SPDX-License-Identifier: MIT
using System.Collections.Concurrent;

namespace ModelCompiler.Kernels;

/// <summary>
/// A small thread-safe cache of values built per problem size, such as the sparsity pattern of an indexed system for
/// n unknowns: built once per size and shared, so the generated code never allocates on a repeated call. At most
/// <see cref="Capacity"/> sizes are kept; beyond that the cache starts over (the values are rebuilt on demand).
/// </summary>
/// <typeparam name="T">The cached value, immutable.</typeparam>
public sealed class SizeCache<T> where T : class
{
    /// <summary>The number of sizes kept before the cache starts over.</summary>
    public const int Capacity = 16;

    private readonly ConcurrentDictionary<int, T> _values = new();
    private readonly Func<int, T> _build;

    /// <summary>A cache that builds a missing value with <paramref name="build"/>.</summary>
    public SizeCache(Func<int, T> build) => _build = build ?? throw new ArgumentNullException(nameof(build));

    /// <summary>The value for <paramref name="size"/>, built on first use.</summary>
    public T Get(int size)
    {
        if (_values.TryGetValue(size, out var value))
            return value;
        value = _build(size);
        if (_values.Count >= Capacity)
            _values.Clear();
        return _values.GetOrAdd(size, value);
    }
}
