namespace NeuroKernel.Tests.Models;

/// <summary>
/// iaf_cond_exp_sfa_rr: without adaptation (q_sfa = q_rr = 0) it is iaf_cond_exp bit for bit (the two extra conductances
/// stay 0, which leaves GSL's error control unchanged); with it, each spike raises g_sfa and g_rr by their jumps, which
/// then decay, and the intervals of a constantly driven neuron lengthen.
/// </summary>
[TestFixture]
public class IafCondExpSfaRrTests
{
    private static readonly StatusDictionary Shared = new()
    {
        ["V_th"] = -57.0, ["V_reset"] = -70.0, ["t_ref"] = 0.5, ["g_L"] = 28.95, ["C_m"] = 289.5, ["E_in"] = -75.0, ["tau_syn_ex"] = 1.5, ["tau_syn_in"] = 10.0,
    };

    [Test]
    public void Without_adaptation_it_is_iaf_cond_exp()
    {
        using var sim = new Simulator();
        var sfa = sim.Create("iaf_cond_exp_sfa_rr", 1, new StatusDictionary { ["q_sfa"] = 0.0, ["q_rr"] = 0.0 });
        var plain = sim.Create("iaf_cond_exp", 1, Shared);
        var noise = sim.Create(ModelNames.PoissonGenerator, 1, new StatusDictionary { ["rate"] = 20000.0 });
        var parrot = sim.Create(ModelNames.ParrotNeuron);
        sim.Connect(noise, parrot);
        sim.Connect(parrot, sfa + plain, syn: new SynSpec(ModelNames.StaticSynapse, 2.0, 1.0));
        var mm = MeterProbe.CreateMultimeter(sim, sfa + plain, 0.1, ParameterNames.VM);
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(sfa + plain, recorder);
        sim.Simulate(200.0);
        var (senders, times) = ModelProbe.Events(sim, recorder);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(senders.Count(s => s == sfa[0]), Is.GreaterThan(3));
            Assert.That(times.Where((_, i) => senders[i] == sfa[0]), Is.EqualTo(times.Where((_, i) => senders[i] == plain[0])));
            Assert.That(MeterProbe.ValuesOf(sim, mm, sfa[0]), Is.EqualTo(MeterProbe.ValuesOf(sim, mm, plain[0])));
        }
    }

    [Test]
    public void Each_spike_raises_the_adaptation_conductances_and_the_intervals_lengthen()
    {
        using var sim = new Simulator();
        var neuron = sim.Create("iaf_cond_exp_sfa_rr", 1, new StatusDictionary { ["I_e"] = 1000.0 });
        var mm = MeterProbe.CreateMultimeter(sim, neuron, 0.1, "g_sfa", "g_rr");
        var recorder = sim.Create(ModelNames.SpikeRecorder);
        sim.Connect(neuron, recorder);
        sim.Simulate(500.0);
        double[] times = ModelProbe.Events(sim, recorder).Times;
        double[] gSfa = MeterProbe.Values(sim, mm, "g_sfa"), gRr = MeterProbe.Values(sim, mm, "g_rr");
        int k = (int)Math.Round(times[0] / 0.1) - 1;
        double[] isi = [.. times.Zip(times.Skip(1), (a, b) => b - a)];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(gSfa[k - 1], Is.EqualTo(0.0));
            Assert.That(gSfa[k], Is.EqualTo(14.48), "q_sfa at the spike");
            Assert.That(gRr[k], Is.EqualTo(3214.0), "q_rr at the spike");
            Assert.That(gSfa[k + 10] / gSfa[k], Is.EqualTo(Math.Exp(-1.0 / 110.0)).Within(1e-4), "decays with tau_sfa (RKF45, tolerance 1e-3)");
            Assert.That(isi, Has.Length.GreaterThan(4));
            Assert.That(isi[^1], Is.GreaterThan(1.2 * isi[0]), "adaptation lengthens the intervals");
        }
    }

    [Test]
    public void A_population_on_two_threads_is_bit_identical_to_one_thread()
    {
        (int[], double[]) Run(int threads)
        {
            using var sim = ModelProbe.NewSimulator(0.1, 2);
            sim.SetKernelStatus(new StatusDictionary { ["local_num_threads"] = (long)threads });
            var neurons = sim.Create("iaf_cond_exp_sfa_rr", 30);
            var noise = sim.Create(ModelNames.PoissonGenerator, 1, new StatusDictionary { ["rate"] = 20000.0 });
            sim.Connect(noise, neurons, syn: new SynSpec(ModelNames.StaticSynapse, 3.0, 1.0));
            var recorder = sim.Create(ModelNames.SpikeRecorder);
            sim.Connect(neurons, recorder);
            sim.Simulate(200.0);
            return ModelProbe.Events(sim, recorder);
        }

        var (s1, t1) = Run(1);
        var (s2, t2) = Run(2);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(t1, Has.Length.GreaterThan(30));
            Assert.That(s2, Is.EqualTo(s1));
            Assert.That(t2, Is.EqualTo(t1));
        }
    }
}
