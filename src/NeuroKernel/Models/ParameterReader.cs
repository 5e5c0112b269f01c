using System.Globalization;

namespace NeuroKernel.Models;

/// <summary>
/// Reads entries of a user's <see cref="StatusDictionary"/> with type checks and remembers which keys were
/// used, so that a misspelled key is reported instead of being silently ignored (NEST's
/// <c>dict_miss_is_error</c>). Reading never changes anything: models read into copies and commit only
/// when every check has passed.
/// </summary>
internal sealed class ParameterReader
{
    private readonly StatusDictionary _dict;
    private readonly string _owner;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ParameterReader(StatusDictionary dict, string owner)
    {
        ArgumentNullException.ThrowIfNull(dict);
        _dict = dict;
        _owner = owner;
    }

    /// <summary>Reads a double; NaN is refused, infinities are left to the model's checks.</summary>
    public bool TryDouble(string key, ref double value)
    {
        if (!_dict.TryGetValue(key, out object? raw))
        {
            return false;
        }

        _used.Add(key);
        if (raw is null || raw is bool || !StatusDictionary.IsNumber(raw))
        {
            throw new BadPropertyException(key, $"{_owner}: property '{key}' must be a number, got {StatusDictionary.Describe(raw)}.");
        }

        double d = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
        if (double.IsNaN(d))
        {
            throw new BadPropertyException(key, $"{_owner}: property '{key}' must be a number, got NaN.");
        }

        value = d;
        return true;
    }

    /// <summary>Reads a finite double.</summary>
    public bool TryFinite(string key, ref double value)
    {
        double v = value;
        if (!TryDouble(key, ref v))
        {
            return false;
        }

        if (!double.IsFinite(v))
        {
            throw new BadPropertyException(key, $"{_owner}: property '{key}' must be finite, got {StatusDictionary.Describe(v)}.");
        }

        value = v;
        return true;
    }

    public bool TryLong(string key, ref long value)
    {
        if (!_dict.TryGetValue(key, out object? raw))
        {
            return false;
        }

        _used.Add(key);
        if (raw is null || raw is bool || !StatusDictionary.IsIntegral(raw))
        {
            throw new BadPropertyException(key, $"{_owner}: property '{key}' must be an integer, got {StatusDictionary.Describe(raw)}.");
        }

        value = Convert.ToInt64(raw, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// A recorder's <c>n_events</c>: true when it is set to 0 (clear the recorded events, as in NEST); any other
    /// value is a BadProperty; false when absent.
    /// </summary>
    public bool ReadEventReset()
    {
        long nEvents = -1;
        return TryLong(ParameterNames.NEvents, ref nEvents) && (nEvents == 0
            ? true
            : throw new BadPropertyException(ParameterNames.NEvents, $"{_owner}: n_events can only be set to 0 (n_events = {nEvents})."));
    }

    public bool TryBool(string key, ref bool value)
    {
        if (!_dict.TryGetValue(key, out object? raw))
        {
            return false;
        }

        _used.Add(key);
        value = raw is bool b
            ? b
            : throw new BadPropertyException(key, $"{_owner}: property '{key}' must be a boolean, got {StatusDictionary.Describe(raw)}.");
        return true;
    }

    public bool TryString(string key, ref string value)
    {
        if (!_dict.TryGetValue(key, out object? raw))
        {
            return false;
        }

        _used.Add(key);
        value = raw as string
            ?? throw new BadPropertyException(key, $"{_owner}: property '{key}' must be a string, got {StatusDictionary.Describe(raw)}.");
        return true;
    }

    public bool TryDoubleArray(string key, ref double[] value)
    {
        if (!_dict.TryGetValue(key, out object? raw))
        {
            return false;
        }

        _used.Add(key);
        if (raw is null || raw is string || raw is not System.Collections.IEnumerable items)
        {
            throw new BadPropertyException(key, $"{_owner}: property '{key}' must be an array of numbers, got {StatusDictionary.Describe(raw)}.");
        }

        var list = new List<double>();
        foreach (object? o in items)
        {
            if (o is null || o is bool || !StatusDictionary.IsNumber(o))
            {
                throw new BadPropertyException(key, $"{_owner}: property '{key}' must hold only numbers, found {StatusDictionary.Describe(o)}.");
            }

            double d = Convert.ToDouble(o, CultureInfo.InvariantCulture);
            if (!double.IsFinite(d))
            {
                throw new BadPropertyException(key, $"{_owner}: property '{key}' must hold finite numbers, found {StatusDictionary.Describe(d)}.");
            }

            list.Add(d);
        }

        value = list.ToArray();
        return true;
    }

    /// <summary>Marks a key as handled without reading it (keys a caller handles itself).</summary>
    public void MarkUsed(string key) => _used.Add(key);

    /// <summary>Throws <see cref="BadPropertyException"/> for the first key that nobody read.</summary>
    public void ThrowIfUnused(IReadOnlyCollection<string>? readOnlyKeys = null)
    {
        foreach (string key in _dict.Keys)
        {
            if (_used.Contains(key))
            {
                continue;
            }

            if (readOnlyKeys is not null && readOnlyKeys.Contains(key))
            {
                throw new BadPropertyException(key, $"{_owner}: property '{key}' is read-only (value {StatusDictionary.Describe(_dict[key])}).");
            }

            throw new BadPropertyException(key, $"{_owner}: '{key}' is not a parameter (value {StatusDictionary.Describe(_dict[key])}).");
        }
    }

    public static BadPropertyException Bad(string key, double value, string sentence) =>
        new(key, $"{sentence} ({key} = {StatusDictionary.Describe(value)})");
}
