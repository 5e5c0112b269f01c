using System.Globalization;

namespace NeuroKernel.Models;

/// <summary>
/// Reads entries of a user's <see cref="StatusDictionary"/> with type checks and remembers which keys were
/// used, so that a misspelled key is reported instead of being silently ignored (NEST's
/// <c>dict_miss_is_error</c>). Reading never changes anything: models read into copies and commit only
/// when every check has passed. User-defined models and connection rules read their keys with it too.
/// </summary>
public sealed class ParameterReader
{
    private readonly StatusDictionary _dict;
    private readonly string _owner;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>A reader of <paramref name="dict"/> whose messages name <paramref name="owner"/> (a model or <c>conn_spec</c>).</summary>
    /// <param name="dict">The user's entries.</param>
    /// <param name="owner">What the entries are for, as error messages name it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="dict"/> is null.</exception>
    public ParameterReader(StatusDictionary dict, string owner)
    {
        ArgumentNullException.ThrowIfNull(dict);
        _dict = dict;
        _owner = owner;
    }

    /// <summary>Reads a double; NaN is refused, infinities are left to the model's checks.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Receives the value when the key is present; unchanged otherwise.</param>
    /// <returns>True when the key is present.</returns>
    /// <exception cref="BadPropertyException">The value is not a number, or NaN.</exception>
    public bool TryDouble(string key, ref double value)
    {
        double d = value;
        if (!TryNumber(key, ref d))
        {
            return false;
        }

        if (double.IsNaN(d))
        {
            throw new BadPropertyException(key, $"{_owner}: property '{key}' must be a number, got NaN.");
        }

        value = d;
        return true;
    }

    /// <summary>
    /// Reads any number, NaN and infinities included, for callers whose own check names the error (a bad delay is a
    /// <see cref="BadDelayException"/>).
    /// </summary>
    /// <exception cref="BadPropertyException">The value is not a number.</exception>
    internal bool TryNumber(string key, ref double value)
    {
        if (!TryRaw(key, out object? raw))
        {
            return false;
        }

        if (raw is null || raw is bool || !StatusDictionary.IsNumber(raw))
        {
            string hint = raw is Parameter || (raw is StatusDictionary spec && spec.ContainsKey("distribution"))
                ? " Distributions and parameters are drawn per node in Create and SetStatus (and per connection in syn_spec), not in SetDefaults or "
                  + "CopyModel: use Create or SetStatus on the nodes."
                : "";
            throw WrongType(key, "a number", raw, hint);
        }

        value = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Reads a finite double.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Receives the value when the key is present; unchanged otherwise.</param>
    /// <returns>True when the key is present.</returns>
    /// <exception cref="BadPropertyException">The value is not a finite number.</exception>
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

    /// <summary>Reads an integer.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Receives the value when the key is present; unchanged otherwise.</param>
    /// <returns>True when the key is present.</returns>
    /// <exception cref="BadPropertyException">The value is not an integer.</exception>
    public bool TryLong(string key, ref long value)
    {
        if (!TryRaw(key, out object? raw))
        {
            return false;
        }

        if (raw is null || raw is bool || !StatusDictionary.IsIntegral(raw))
        {
            throw WrongType(key, "an integer", raw);
        }

        if (raw is ulong big && big > long.MaxValue)
        {
            throw new BadPropertyException(key, $"{_owner}: property '{key}' must be an integer of at most {long.MaxValue}, got {StatusDictionary.Describe(raw)}.");
        }

        value = Convert.ToInt64(raw, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// A recorder's <c>n_events</c>: true when it is set to 0 (clear the recorded events, as in NEST); any other
    /// value is a BadProperty; false when absent.
    /// </summary>
    /// <returns>True when <c>n_events</c> is set to 0.</returns>
    /// <exception cref="BadPropertyException"><c>n_events</c> is set to anything but 0.</exception>
    internal bool ReadEventReset()
    {
        long nEvents = -1;
        return TryLong(ParameterNames.NEvents, ref nEvents) && (nEvents == 0
            ? true
            : throw new BadPropertyException(ParameterNames.NEvents, $"{_owner}: n_events can only be set to 0 (n_events = {nEvents})."));
    }

    /// <summary>Reads a boolean.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Receives the value when the key is present; unchanged otherwise.</param>
    /// <returns>True when the key is present.</returns>
    /// <exception cref="BadPropertyException">The value is not a boolean.</exception>
    public bool TryBool(string key, ref bool value)
    {
        if (!TryRaw(key, out object? raw))
        {
            return false;
        }

        value = raw is bool b
            ? b
            : throw WrongType(key, "a boolean", raw);
        return true;
    }

    /// <summary>Reads a string.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Receives the value when the key is present; unchanged otherwise.</param>
    /// <returns>True when the key is present.</returns>
    /// <exception cref="BadPropertyException">The value is not a string.</exception>
    public bool TryString(string key, ref string value)
    {
        if (!TryRaw(key, out object? raw))
        {
            return false;
        }

        value = raw as string
            ?? throw WrongType(key, "a string", raw);
        return true;
    }

    /// <summary>Reads a <see cref="Parameter"/> expression (a value drawn per node or connection); false when the key is absent or holds something else.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Receives the parameter when the key holds one.</param>
    /// <returns>True when the key holds a parameter (it is then marked as read).</returns>
    public bool TryParameter(string key, out Parameter? value)
    {
        value = _dict.TryGetValue(key, out object? raw) ? raw as Parameter : null;
        if (value is not null)
        {
            _used.Add(key);
        }

        return value is not null;
    }

    /// <summary>Reads an array of finite numbers.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">Receives a new array when the key is present; unchanged otherwise.</param>
    /// <returns>True when the key is present.</returns>
    /// <exception cref="BadPropertyException">The value is not an array of finite numbers.</exception>
    public bool TryDoubleArray(string key, ref double[] value)
    {
        if (!TryRaw(key, out object? raw))
        {
            return false;
        }

        if (raw is null || raw is string || raw is not System.Collections.IEnumerable items)
        {
            throw WrongType(key, "an array of numbers", raw);
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
    /// <param name="key">The key.</param>
    public void MarkUsed(string key) => _used.Add(key);

    /// <summary>The raw value of <paramref name="key"/>, marked as read; false when absent.</summary>
    private bool TryRaw(string key, out object? raw)
    {
        if (!_dict.TryGetValue(key, out raw))
        {
            return false;
        }

        _used.Add(key);
        return true;
    }

    /// <summary>The error for a value of the wrong kind: "owner: property 'key' must be <paramref name="expected"/>, got …".</summary>
    private BadPropertyException WrongType(string key, string expected, object? raw, string hint = "") =>
        new(key, $"{_owner}: property '{key}' must be {expected}, got {StatusDictionary.Describe(raw)}.{hint}");

    /// <summary>The keys nobody has read so far, in the dictionary's order.</summary>
    internal IEnumerable<string> UnusedKeys() => _dict.Keys.Where(k => !_used.Contains(k));

    /// <summary>Throws <see cref="BadPropertyException"/> for the first key that nobody read.</summary>
    /// <param name="readOnlyKeys">Keys that are known but cannot be set (reported as read-only), or null.</param>
    /// <exception cref="BadPropertyException">A key was not read.</exception>
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

    /// <summary>The exception for a bad value: NEST's <paramref name="sentence"/> followed by the key and the value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The bad value.</param>
    /// <param name="sentence">NEST's sentence, e.g. "Capacitance must be strictly positive.".</param>
    /// <returns>The exception, to throw.</returns>
    public static BadPropertyException Bad(string key, double value, string sentence) =>
        new(key, $"{sentence} ({key} = {StatusDictionary.Describe(value)})");
}
