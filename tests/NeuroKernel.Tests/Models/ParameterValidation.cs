using NUnit.Framework.Constraints;

namespace NeuroKernel.Tests.Models;

/// <summary>The all-or-nothing rule of a model's parameters, as the neuron fixtures check it.</summary>
internal static class ParameterValidation
{
    /// <summary>
    /// Asserts that SetDefaults, SetStatus, Create and CopyModel (to <paramref name="copyName"/>) of
    /// <paramref name="model"/> each reject <paramref name="bad"/> with a <see cref="BadPropertyException"/> naming
    /// <paramref name="key"/>, and that none of them changes anything: defaults and node status stay as they were,
    /// the copy is not registered and the failed Create used no ids.
    /// </summary>
    /// <param name="model">The model under test.</param>
    /// <param name="copyName">The name the failed CopyModel must not register.</param>
    /// <param name="key">The invalid key, which the message must name.</param>
    /// <param name="bad">A fresh parameter set holding the invalid entry (and valid ones that must not be applied).</param>
    public static void AssertRejectedAndNothingChanged(string model, string copyName, string key, Func<StatusDictionary> bad)
    {
        using var sim = new Simulator();
        var nodes = sim.Create(model, 3);
        var defaultsBefore = sim.GetDefaults(model);
        var statusBefore = sim.GetStatus(nodes);

        IResolveConstraint Rejected() => Throws.TypeOf<BadPropertyException>().With.Message.Contains(key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => sim.SetDefaults(model, bad()), Rejected(), "SetDefaults");
            Assert.That(() => sim.SetStatus(nodes, bad()), Rejected(), "SetStatus(nodes)");
            Assert.That(() => sim.Create(model, 2, bad()), Rejected(), "Create");
            Assert.That(() => sim.CopyModel(model, copyName, bad()), Rejected(), "CopyModel");

            Assert.That(sim.GetDefaults(model), Is.EqualTo(defaultsBefore), "defaults after the failures");
            Assert.That(sim.GetStatus(nodes), Is.EqualTo(statusBefore), "node status after the failures");
            Assert.That(() => sim.GetDefaults(copyName), Throws.TypeOf<UnknownModelNameException>(), "a failed CopyModel registers nothing");
        }

        Assert.That(sim.Create(model)[0], Is.EqualTo(4), "the failed Create used no ids");
    }
}
