#pragma warning disable CA1861 // inline arrays are the readable form of test inputs
namespace NeuroKernel.Tests.Recording;

/// <summary>
/// time_in_steps on spike_recorder, multimeter and weight_recorder (NEST's recording option): times as whole steps with
/// offsets, in memory and in ascii files, chosen before the first Simulate.
/// </summary>
[TestFixture]
public class TimeInStepsTests
{
    private static (StatusDictionary Spikes, StatusDictionary Samples, string? File) Run(bool inSteps, string? dir = null)
    {
        using var sim = new Simulator();
        if (dir is not null)
        {
            sim.SetKernelStatus(new StatusDictionary { ["data_path"] = dir, ["overwrite_files"] = true });
        }

        var neuron = sim.Create(ModelNames.IafPscAlpha, 1, new StatusDictionary { ["I_e"] = 500.0 });
        var spikes = sim.Create(ModelNames.SpikeRecorder, 1, new StatusDictionary
        {
            ["time_in_steps"] = inSteps, ["record_to"] = dir is null ? "memory" : "ascii", ["label"] = "steps",
        });
        var meter = sim.Create(ModelNames.Multimeter, 1, new StatusDictionary
        {
            ["time_in_steps"] = inSteps, ["record_from"] = new[] { "V_m" }, ["interval"] = 1.0,
        });
        sim.Connect(neuron, spikes);
        sim.Connect(meter, neuron);
        sim.Simulate(100.0);
        string? file = dir is null ? null : sim.GetStatus(spikes).Get<string[]>("filenames")[0];
        return (sim.GetStatus(spikes).Get<StatusDictionary>("events"), sim.GetStatus(meter).Get<StatusDictionary>("events"), file);
    }

    [Test]
    public void Events_give_steps_and_offsets()
    {
        var ms = Run(false);
        var steps = Run(true);
        double[] spikeMs = ms.Spikes.Get<double[]>("times"), sampleMs = ms.Samples.Get<double[]>("times");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(spikeMs, Is.Not.Empty);
            Assert.That(steps.Spikes.Get<long[]>("times"), Is.EqualTo(spikeMs.Select(t => (long)Math.Round(t / 0.1))));
            Assert.That(steps.Spikes.Get<double[]>("offsets"), Is.EqualTo(new double[spikeMs.Length]));
            Assert.That(steps.Samples.Get<long[]>("times"), Is.EqualTo(sampleMs.Select(t => (long)Math.Round(t / 0.1))));
            Assert.That(steps.Samples.Get<double[]>("V_m"), Is.EqualTo(ms.Samples.Get<double[]>("V_m")));
            Assert.That(ms.Spikes.ContainsKey("offsets"), Is.False, "in ms there are no offsets");
        }
    }

    [Test]
    public void Ascii_files_write_step_and_offset_columns()
    {
        string dir = Directory.CreateTempSubdirectory("nk-steps-").FullName;
        try
        {
            var (spikes, _, file) = Run(true, dir);
            string[] lines = File.ReadAllLines(file!);
            long first = (long)Math.Round(Run(false).Spikes.Get<double[]>("times")[0] / 0.1);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(lines[2], Is.EqualTo("sender\ttime_step\ttime_offset"));
                Assert.That(lines[3], Is.EqualTo($"1\t{first}\t0.000"));
                Assert.That(spikes.Get<long[]>("times"), Is.Empty, "ascii only: nothing kept in memory");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestCase("spike_recorder")]
    [TestCase("multimeter")]
    [TestCase("weight_recorder")]
    public void It_cannot_change_after_Simulate(string model)
    {
        using var sim = new Simulator();
        var recorder = sim.Create(model);
        Assert.That(sim.GetStatus(recorder).Get<bool>("time_in_steps"), Is.False);
        sim.SetStatus(recorder, new StatusDictionary { ["time_in_steps"] = true });
        sim.Simulate(1.0);
        var e = Assert.Throws<BadPropertyException>(() => sim.SetStatus(recorder, new StatusDictionary { ["time_in_steps"] = false }))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(e.Message, Does.Contain("Property time_in_steps cannot be set after Simulate has been called"));
            Assert.That(sim.GetStatus(recorder).Get<bool>("time_in_steps"), Is.True);
            Assert.Throws<BadPropertyException>(() => sim.Create(model, 1, new StatusDictionary { ["time_in_steps"] = true }), "nor on a recorder created later");
        }
    }
}
