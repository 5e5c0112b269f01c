using System.Collections;
using System.Globalization;
using System.Text;

namespace NeuroKernel.Tests.Reliability;

/// <summary>
/// Everything the public API can read about a kernel, as text: kernel status, the defaults of every node and
/// synapse model, the status of every node and every connection (as a set). Two equal snapshots mean that nothing a
/// user can observe changed in between (NEST's promise that a failed call changes nothing).
/// </summary>
internal static class KernelSnapshot
{
    public static string Take(Simulator sim)
    {
        var sb = new StringBuilder();
        var kernel = sim.GetKernelStatus();
        Append(sb, "kernel", kernel);
        foreach (string model in kernel.Get<string[]>("node_models"))
        {
            Append(sb, "node model " + model, sim.GetDefaults(model));
        }

        foreach (string model in kernel.Get<string[]>("synapse_models"))
        {
            Append(sb, "synapse model " + model, sim.GetDefaults(model));
        }

        long size = kernel.Get<long>("network_size");
        for (int id = 1; id <= size; id++)
        {
            Append(sb, "node " + id.ToString(CultureInfo.InvariantCulture), sim.GetStatus(id));
        }

        // The connections as a set: NEST does not promise an order, and the tests compare what exists.
        var c = sim.GetConnections();
        sb.Append("connections ").Append(c.Count).Append('\n');
        var rows = new string[c.Count];
        for (int i = 0; i < c.Count; i++)
        {
            rows[i] = string.Create(CultureInfo.InvariantCulture, $"{c.Source[i]}>{c.Target[i]}:{c.SynapseModel(i)}:{Format(c.Weight[i])}:{Format(c.Delay[i])}");
        }

        Array.Sort(rows, StringComparer.Ordinal);
        foreach (string row in rows)
        {
            sb.Append(row).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The first lines where two snapshots differ, with the section they are in (empty when equal).</summary>
    public static string Diff(string expected, string actual)
    {
        string[] a = expected.Split('\n'), b = actual.Split('\n');
        var sb = new StringBuilder();
        string section = "";
        int shown = 0;
        for (int i = 0; i < Math.Max(a.Length, b.Length) && shown < 6; i++)
        {
            string x = i < a.Length ? a[i] : "<none>", y = i < b.Length ? b[i] : "<none>";
            if (x.StartsWith('['))
            {
                section = x;
            }

            if (x != y)
            {
                sb.Append(CultureInfo.InvariantCulture, $"line {i} in {section}: expected '{x}', actual '{y}'\n");
                shown++;
            }
        }

        return sb.ToString();
    }

    private static void Append(StringBuilder sb, string title, StatusDictionary d)
    {
        sb.Append('[').Append(title).Append("]\n");
        foreach (string key in d.Keys.Order(StringComparer.Ordinal))
        {
            sb.Append(key).Append('=').Append(Format(d[key])).Append('\n');
        }
    }

    private static string Format(object? value) => value switch
    {
        null => "null",
        double x => BitConverter.DoubleToInt64Bits(x).ToString("X16", CultureInfo.InvariantCulture),
        string s => "'" + s + "'",
        StatusDictionary nested => "{" + string.Join(",", nested.Keys.Order(StringComparer.Ordinal).Select(k => k + "=" + Format(nested[k]))) + "}",
        IEnumerable items => "[" + string.Join(",", items.Cast<object?>().Select(Format)) + "]",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
