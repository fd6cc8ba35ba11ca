using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Weft.Api.Kinds;
using Weft.Api.Validation;
using Weft.ControlPlane.Resources;
using Weft.ControlPlane.Tests.Store;

namespace Weft.ControlPlane.Tests.Resources;

/// <summary>A resource layer over a real SQLite store in a temporary folder, with a hand-moved clock.</summary>
internal sealed class TestResources : IAsyncDisposable
{
    private readonly TestStore _store;

    private TestResources(TestStore store, ManualTime time)
    {
        _store = store;
        Time = time;
        Service = new ResourceService(store.Store, new Admission(KindRegistry.Default, ValidationContext.Default), time, NullLogger<ResourceService>.Instance);
    }

    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public ResourceService Service { get; }

    public ManualTime Time { get; }

    public static TestResources Open(long history = 10_000) => new(TestStore.Open(history), new ManualTime(Start));

    public static ResourceType Deployments => ResourceType.Of(KindRegistry.Default.Find("apps", "Deployment")!);

    public static ResourceType ConfigMaps => ResourceType.Of(KindRegistry.Default.Find("", "ConfigMap") ?? KindRegistry.Synthesize("", "v1", "ConfigMap"));

    public async Task<long> RevisionAsync() => (await Service.Store.StatusAsync(TestContext.Current.CancellationToken)).Revision;

    public static JsonObject Json(string json) => (JsonObject)JsonNode.Parse(json)!;

    public static JsonObject Deployment(string name, int replicas, string labels = "{}", string extra = "") => Json($$"""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"{{name}}","namespace":"shop","labels":{{labels}}},"spec":{"replicas":{{replicas}}}{{extra}}}
        """);

    public static JsonObject ApplyList(params JsonNode[] items) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "List",
        ["items"] = new JsonArray(items.Select(i => (JsonNode?)i.DeepClone()).ToArray()),
    };

    public ValueTask DisposeAsync() => _store.DisposeAsync();
}
