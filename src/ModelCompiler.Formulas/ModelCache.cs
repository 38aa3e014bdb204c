// SPDX-License-Identifier: MIT
namespace ModelCompiler;

/// <summary>
/// The compiled formulas most recently asked for, at most <see cref="Capacity"/> of them: a request already here returns
/// the same instance, and the least recently used is let go when a new one comes, so that distinct formulas do not grow
/// memory without bound (a model let go unloads once nobody references it). Concurrent requests for one formula
/// compile it once; a formula that fails is not kept.
/// </summary>
internal sealed class ModelCache<T>(int capacity) where T : class
{
    private readonly Dictionary<string, LinkedListNode<(string Key, Lazy<T> Value)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, Lazy<T> Value)> _recency = new();
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count
    {
        get
        {
            lock (_lock)
                return _entries.Count;
        }
    }

    public T GetOrAdd(string key, Func<T> create)
    {
        Lazy<T> value;
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                value = node.Value.Value;
            }
            else
            {
                value = new Lazy<T>(create, LazyThreadSafetyMode.ExecutionAndPublication);
                _entries.Add(key, _recency.AddFirst((key, value)));
                while (_entries.Count > Capacity)
                {
                    var last = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(last.Value.Key);
                }
            }
        }
        try
        {
            return value.Value;
        }
        catch
        {
            Remove(key, value);
            throw;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
        }
    }

    private void Remove(string key, Lazy<T> value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Value, value))
            {
                _recency.Remove(node);
                _entries.Remove(key);
            }
        }
    }
}
