using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using NeuroKernel.Kernel;

namespace NeuroKernel.Models.Neurons;

/// <summary>
/// The last check before a run: every number a model derived from its parameters for the step (its propagators) must be
/// finite. The parameter checks refuse the values that make them overflow one by one; this catches the combinations
/// (with the resolution) that no single check sees, before a NaN reaches the state.
/// </summary>
/// <typeparam name="TPropagators">A model's propagator type: its public double properties are checked.</typeparam>
internal static class PropagatorCheck<TPropagators>
{
    [UnconditionalSuppressMessage("Trimming", "IL2090", Justification = "The propagators' properties are read by the update; a trimmed one is not checked, the run is then as without this check.")]
    private static readonly (PropertyInfo Property, bool IsBound)[] Values =
    [
        .. typeof(TPropagators).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(double))
            .Select(p => (p, p.IsDefined(typeof(BoundAttribute), inherit: false))),
    ];

    /// <summary>Throws <see cref="BadPropertyException"/> naming the first non-finite propagator and the parameters.</summary>
    public static void RequireFinite<TParameters>(TPropagators propagators, string model, TimeGrid grid, TParameters parameters)
        where TParameters : class, INeuronParameters<TParameters>
    {
        foreach (var (property, isBound) in Values)
        {
            double value = (double)property.GetValue(propagators)!;
            // NaN and ±∞ are not numbers the step can use; a bound may be −∞ (none).
            if (double.IsNaN(value) || double.IsPositiveInfinity(value) || (double.IsNegativeInfinity(value) && !isBound))
            {
                var written = new StatusDictionary();
                parameters.Write(written);
                string given = string.Join(", ", written.Where(kv => kv.Value is double).Select(kv => $"{kv.Key} = {StatusDictionary.Describe(kv.Value)}"));
                throw new BadPropertyException(model,
                    string.Create(CultureInfo.InvariantCulture,
                        $"{model}: the parameters give {property.Name} = {StatusDictionary.Describe(value)} at resolution {TimeGrid.Format(grid.Resolution)} ms, which the update cannot compute with ({given})."));
            }
        }
    }
}
