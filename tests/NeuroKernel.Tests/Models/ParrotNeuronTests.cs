#pragma warning disable CA1861 // Expected values are clearer inline, and each test runs once.

namespace NeuroKernel.Tests.Models;

/// <summary>
/// <c>parrot_neuron</c> against NEST 3.9: it repeats every spike in the step the spike arrives, with its
/// multiplicity and whatever the weight, so one Poisson train can be shared by many targets or recorded.
/// </summary>
[TestFixture]
public class ParrotNeuronTests
{
    private const string Model = "parrot_neuron";
    private static readonly double[] Train = [1.0, 2.0, 2.0, 5.5];

    #region Repeating spikes

    [TestCase(0.1)]
    [TestCase(1.0)]
    [TestCase(2.5)]
    public void Parrot_repeats_every_spike_with_its_multiplicity_when_it_arrives(double delay)
    {
        // NEST stamps the parrot's spike with the step in which the input arrives: generator time + delay.
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = Train });
        var parrot = sim.Create(Model);
        var direct = sim.Create(ModelNames.SpikeRecorder);
        var repeated = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(generator, parrot, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, delay));
        sim.Connect(generator, direct);
        sim.Connect(parrot, repeated);

        sim.Simulate(10.0);
        var (directSenders, directTimes) = ModelProbe.Events(sim, direct);
        var (senders, times) = ModelProbe.Events(sim, repeated);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(directTimes, Is.EqualTo(Train).Within(1e-12), "the generator's own train");
            Assert.That(directSenders, Has.All.EqualTo(generator[0]));
            Assert.That(times, Is.EqualTo(Train.Select(t => t + delay).ToArray()).Within(1e-9), "the parrot's train");
            Assert.That(senders, Has.All.EqualTo(parrot[0]));
            Assert.That(sim.GetStatus(repeated).Get<long>(ParameterNames.NEvents), Is.EqualTo(4), "n_events counts the spike at 2.0 ms twice");
        }
    }

    [TestCase(0.0)]
    [TestCase(-5.0)]
    [TestCase(1e6)]
    public void Weight_of_the_incoming_connection_is_ignored(double weight)
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = Train });
        var parrot = sim.Create(Model);
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(generator, parrot, syn: new SynSpec(ModelNames.StaticSynapse, weight, 1.0));
        sim.Connect(parrot, recorder);

        sim.Simulate(10.0);

        Assert.That(ModelProbe.Events(sim, recorder).Times, Is.EqualTo(new[] { 2.0, 3.0, 3.0, 6.5 }).Within(1e-9));
    }

    /// <summary>
    /// One all_to_all Connect into neurons and parrots, in blocks that alternate: each block gets its own channel (the
    /// parrots count spikes, the neurons weigh them), whatever the order of the blocks in the collection.
    /// </summary>
    [Test]
    public void One_connect_into_neurons_and_parrots_feeds_each_on_its_own_channel()
    {
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 1.0, 3.0 } });
        var first = sim.Create("iaf_psc_delta", 2);
        var parrots = sim.Create(Model, 2);
        var last = sim.Create("iaf_psc_delta", 1);
        sim.Connect(generator, first + parrots + last, syn: new SynSpec(ModelNames.StaticSynapse, 5.0, 1.0));
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(parrots, recorder);

        sim.Simulate(4.5);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ModelProbe.Events(sim, recorder).Times, Is.EqualTo(new[] { 2.0, 2.0, 4.0, 4.0 }).Within(1e-9), "each parrot relays both spikes, weight ignored");
            double expected = -70.0 + 5.0 * Math.Exp(-2.5 / 10.0) + 5.0 * Math.Exp(-0.5 / 10.0);
            Assert.That(sim.GetStatus<double>(first + last, "V_m"), Is.All.EqualTo(expected).Within(1e-9), "two 5 mV jumps, decayed");
        }
    }

    [Test]
    public void Parrot_sends_the_multiplicity_on_to_its_targets()
    {
        // Two spikes at 2.0 ms reach the parrot at 2.5 ms; it sends one event of multiplicity 2, which the
        // iaf_psc_delta target receives at 4.0 ms as a jump of 2 × 1.5 mV.
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = new[] { 2.0, 2.0 } });
        var parrot = sim.Create(Model);
        var neuron = sim.Create("iaf_psc_delta");
        sim.Connect(generator, parrot, syn: new SynSpec(ModelNames.StaticSynapse, 1.0, 0.5));
        sim.Connect(parrot, neuron, syn: new SynSpec(ModelNames.StaticSynapse, 1.5, 1.5));
        var vm = MeterProbe.CreateVoltmeter(sim, neuron);

        sim.Simulate(5.0);
        double[] v = MeterProbe.Values(sim, vm);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(v[38], Is.EqualTo(-70.0), "V_m(3.9)");
            Assert.That(v[39], Is.EqualTo(-67.0).Within(1e-12), "V_m(4.0)");
        }
    }

    [Test]
    public void Input_through_a_parrot_equals_direct_input_with_the_summed_delay()
    {
        double[] train = [1.0, 3.0, 3.0, 7.2];
        using var sim = ModelProbe.NewSimulator(0.1);
        var generator = sim.Create(ModelNames.SpikeGenerator, 1, new() { [ParameterNames.SpikeTimes] = train });
        var parrot = sim.Create(Model);
        var neurons = sim.Create(ModelNames.IafPscAlpha, 2);
        sim.Connect(generator, parrot, syn: new SynSpec(ModelNames.StaticSynapse, -7.0, 0.5));
        sim.Connect(parrot, neurons[..1], syn: new SynSpec(ModelNames.StaticSynapse, 200.0, 1.5));
        sim.Connect(generator, neurons[1..], syn: new SynSpec(ModelNames.StaticSynapse, 200.0, 2.0));
        var vm = MeterProbe.CreateVoltmeter(sim, neurons);

        sim.Simulate(20.0);
        double[] throughParrot = MeterProbe.ValuesOf(sim, vm, neurons[0]);
        double[] direct = MeterProbe.ValuesOf(sim, vm, neurons[1]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(throughParrot, Is.EqualTo(direct));
            Assert.That(direct.Max(), Is.GreaterThan(-69.0), "the input moves the membrane");
        }
    }

    #endregion

    #region Sharing a Poisson train

    [Test]
    [Category("Statistical")]
    public void Poisson_train_through_a_parrot_is_the_same_for_every_target()
    {
        // A poisson_generator draws an independent train per target; a parrot in between makes one train that all
        // targets share. Identical neurons with identical input have identical membrane potentials. The mean input,
        // w·rate·e·tau_syn ≈ 217 pA, stays below the rheobase of 375 pA, so no neuron sits at V_reset at the end.
        const int n = 50;
        using var sim = ModelProbe.NewSimulator(0.1, seed: 20250101);
        var generator = sim.Create(ModelNames.PoissonGenerator, 1, new() { [ParameterNames.Rate] = 20_000.0 });
        var parrot = sim.Create(Model);
        var shared = sim.Create(ModelNames.IafPscAlpha, n);
        var independent = sim.Create(ModelNames.IafPscAlpha, n);
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(generator, parrot);
        sim.Connect(parrot, shared, syn: new SynSpec(ModelNames.StaticSynapse, 2.0, 1.0));
        sim.Connect(generator, independent, syn: new SynSpec(ModelNames.StaticSynapse, 2.0, 2.0));
        sim.Connect(parrot, recorder);

        sim.Simulate(100.0);
        double[] vShared = sim.GetStatus<double>(shared, ParameterNames.VM);
        double[] vIndependent = sim.GetStatus<double>(independent, ParameterNames.VM);
        long parrotSpikes = sim.GetStatus(recorder).Get<long>(ParameterNames.NEvents);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(vShared, Has.All.EqualTo(vShared[0]), "every target of the parrot has the same V_m");
            Assert.That(vShared[0], Is.GreaterThan(-69.0), "the shared input moves the membrane");
            Assert.That(vIndependent.Distinct().Count(), Is.GreaterThan(n * 9 / 10), "direct targets get independent trains");

            // 20 kHz for 100 ms: 2000 spikes expected, standard deviation √2000 ≈ 45; 5σ bounds.
            Assert.That(parrotSpikes, Is.InRange(2000 - 224, 2000 + 224), "spikes the parrot repeated");
        }
    }

    [Test]
    [Category("Statistical")]
    public void Poisson_generator_reaches_a_spike_recorder_through_a_parrot()
    {
        using var sim = ModelProbe.NewSimulator(0.1, seed: 12345);
        var generator = sim.Create(ModelNames.PoissonGenerator, 1, new() { [ParameterNames.Rate] = 100.0 });
        var parrot = sim.Create(Model);
        var recorder = sim.Create(ModelNames.SpikeRecorder);

        sim.Connect(generator, parrot);
        sim.Connect(parrot, recorder);
        sim.Simulate(1000.0);
        var (senders, times) = ModelProbe.Events(sim, recorder);

        using (Assert.EnterMultipleScope())
        {
            // 100 Hz for 1 s: 100 spikes expected, standard deviation 10; 5σ bounds.
            Assert.That(times, Has.Length.InRange(50, 150));
            Assert.That(senders, Has.All.EqualTo(parrot[0]));
            Assert.That(times, Is.Ordered.Ascending);
        }
    }

    #endregion

    #region Status

    [Test]
    [Category("Reference")]
    public void Defaults_name_a_neuron_as_nest_does()
    {
        var nest = NestDefaults.Read(Model);
        using var sim = new Simulator();
        var ours = sim.GetDefaults(Model);

        using (Assert.EnterMultipleScope())
        {
            NestDefaults.AssertNumbersEqual(ours, nest, []);
            Assert.That(ours.ContainsKey(ParameterNames.VM), Is.False, "a parrot has no membrane");
        }
    }

    [TestCase("V_m", -70.0)]
    [TestCase("weight", 1.0)]
    public void Unknown_key_throws_BadProperty(string key, object value)
    {
        using var sim = new Simulator();
        var parrot = sim.Create(Model);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetStatus(parrot, new StatusDictionary { [key] = value }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains(key));
            Assert.That(() => sim.SetDefaults(Model, new StatusDictionary { [key] = value }),
                Throws.TypeOf<BadPropertyException>().With.Message.Contains(key));
        }
    }

    #endregion
}
