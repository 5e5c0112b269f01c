using System.Globalization;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Neurons;

/// <summary>
/// The last check before a run: every number a model derived from its parameters for the step (its propagators) must be
/// finite. The parameter checks refuse the values that make them overflow one by one; this catches the combinations
/// (with the resolution) that no single check sees, before a NaN reaches the state.
/// </summary>
internal static class PropagatorCheck
{
    /// <summary>Throws <see cref="BadPropertyException"/> naming the first non-finite propagator and the parameters.</summary>
    public static void RequireFinite<TPropagators, TParameters>(in TPropagators propagators, string model, TimeGrid grid, TParameters parameters)
        where TPropagators : struct, IPropagators
        where TParameters : class, INeuronParameters<TParameters>
    {
        if (propagators.FirstNonFinite() is not var (name, value))
        {
            return;
        }

        var written = new StatusDictionary();
        parameters.Write(written);
        string given = string.Join(", ", written.Where(kv => kv.Value is double).Select(kv => $"{kv.Key} = {StatusDictionary.Describe(kv.Value)}"));
        throw new BadPropertyException(model,
            string.Create(CultureInfo.InvariantCulture,
                $"{model}: the parameters give {name} = {StatusDictionary.Describe(value)} at resolution {TimeGrid.Format(grid.Resolution)} ms, which the update cannot compute with ({given})."));
    }

    /// <summary>The first of <paramref name="values"/> that is NaN or infinite, for <see cref="IPropagators.FirstNonFinite"/>.</summary>
    public static (string Name, double Value)? FirstNonFinite(params ReadOnlySpan<(string Name, double Value)> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v.Value))
            {
                return v;
            }
        }

        return null;
    }
}
