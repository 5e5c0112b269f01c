namespace NeuroKernel.Tests.Models;

/// <summary>
/// A population is updated eight neurons at a time (Vector512), a single neuron one at a time: both must give the
/// same bits. A population of 19 in two runs of equal parameters (10 and 9 neurons: a vector and a remainder each;
/// the second with another threshold and, where the model has one, V_min), each neuron with its own DC input and
/// start potential, and excitatory and inhibitory spike input; the same 19 neurons created one by one take the
/// scalar path. Spikes and final state must be identical, bit for bit.
/// </summary>
[TestFixture]
public class PopulationUpdateTests
{
    private const int Neurons = 19;
    private static readonly string[] RecordFrom = ["V_m"];
    // Dense input just before the first run ends at 25 ms, so that neurons are refractory then with input kept.
    private static readonly double[] ExcitatoryTimes =
        [2.0, 2.0, 5.3, 9.9, 14.0, 14.1, .. Enumerable.Range(0, 25).Select(k => Math.Round(19.0 + 0.2 * k, 1)), 30.0, 31.5, 47.2];
    private static readonly double[] InhibitoryTimes = [3.0, 12.2, 14.1, 40.0];

    /// <param name="model">The neuron model.</param>
    /// <param name="variant">iaf_psc_delta: refractory_input on for the first 25 ms, then off with input still kept.
    /// iaf_psc_exp: a dc_generator on receptor 1 (filtered through the excitatory synapse) from 10 ms.</param>
    [TestCase("iaf_psc_alpha", false)]
    [TestCase("iaf_psc_exp", false)]
    [TestCase("iaf_psc_exp", true)]
    [TestCase("iaf_psc_delta", false)]
    [TestCase("iaf_psc_delta", true)]
    public void A_population_matches_the_same_neurons_created_one_by_one(string model, bool variant)
    {
        var (popSpikes, popState) = Run(model, population: true, variant);
        var (oneSpikes, oneState) = Run(model, population: false, variant);
        Assert.That(popSpikes, Has.Length.GreaterThan(20), "the neurons must fire for the comparison to mean anything");
        Assert.That(popSpikes, Is.EqualTo(oneSpikes), "spikes (neuron index, time)");
        Assert.That(popState, Is.EqualTo(oneState), "V_m of every neuron at every step, bits");
    }

    private static ((int, double)[] Spikes, long[] VmBits) Run(string model, bool population, bool variant)
    {
        bool refractoryInputLater = variant && model == "iaf_psc_delta";
        bool filteredCurrent = variant && model == "iaf_psc_exp";
        using var sim = new Simulator();
        int[] ids = new int[Neurons];
        if (population)
        {
            var all = sim.Create(model, Neurons);
            for (int i = 0; i < Neurons; i++)
            {
                ids[i] = all[i];
            }
        }
        else
        {
            for (int i = 0; i < Neurons; i++)
            {
                ids[i] = sim.Create(model)[0];
            }
        }

        for (int i = 0; i < Neurons; i++)
        {
            // Propagator parameters change only between the two runs, so that each run is one segment of the block.
            bool second = i >= 10;
            var status = new StatusDictionary
            {
                ["I_e"] = 330.0 + 17.0 * i,
                ["V_th"] = second ? -54.5 : -55.0,
                ["V_m"] = -70.0 + i,
            };
            if (second && model != "iaf_psc_exp")
            {
                status["V_min"] = -72.0;
            }

            if (model == "iaf_psc_delta" && refractoryInputLater)
            {
                status["refractory_input"] = true;
            }

            sim.SetStatus(ids[i], status);
        }

        var excitatory = sim.Create("spike_generator", 1, new() { ["spike_times"] = ExcitatoryTimes });
        var inhibitory = sim.Create("spike_generator", 1, new() { ["spike_times"] = InhibitoryTimes });
        var recorder = sim.Create("spike_recorder");
        var meter = sim.Create("multimeter", 1, new() { ["record_from"] = RecordFrom, ["interval"] = 0.1 });
        int[] fromExcitatory = [excitatory[0]], fromInhibitory = [inhibitory[0]];
        foreach (int id in ids)
        {
            sim.Connect(fromExcitatory, id, syn: new SynSpec("static_synapse", weight: model == "iaf_psc_delta" ? 4.0 : 400.0, delay: 1.0));
            sim.Connect(fromInhibitory, id, syn: new SynSpec("static_synapse", weight: model == "iaf_psc_delta" ? -6.0 : -600.0, delay: 1.0));
            sim.Connect(NodeCollection.FromIds([id]), recorder);
            sim.Connect(meter, NodeCollection.FromIds([id]));
        }

        if (filteredCurrent)
        {
            var dc = sim.Create("dc_generator", 1, new() { ["amplitude"] = 150.0, ["start"] = 10.0 });
            sim.Connect(dc, NodeCollection.FromIds(ids), syn: new StatusDictionary { ["receptor_type"] = 1 });
        }

        sim.Simulate(25.0);
        if (refractoryInputLater)
        {
            // Input kept during a refractory period must still be added after refractory_input is switched off.
            foreach (int id in ids)
            {
                sim.SetStatus(id, new StatusDictionary { ["refractory_input"] = false });
            }
        }

        sim.Simulate(35.0);
        var events = sim.GetStatus(recorder).Get<StatusDictionary>("events");
        var index = ids.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var spikes = events.Get<int[]>("senders").Select(s => index[s]).Zip(events.Get<double[]>("times"))
            .OrderBy(e => e.Second).ThenBy(e => e.First).ToArray();
        // Samples by neuron index, then time: the sender ids differ between the two networks.
        var samples = sim.GetStatus(meter).Get<StatusDictionary>("events");
        long[] vm = [.. samples.Get<int[]>("senders").Select(s => index[s]).Zip(samples.Get<double[]>("times"), samples.Get<double[]>("V_m"))
            .OrderBy(e => e.First).ThenBy(e => e.Second).Select(e => BitConverter.DoubleToInt64Bits(e.Third))];
        return (spikes, vm);
    }
}
