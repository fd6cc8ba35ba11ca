using System.Globalization;
using System.Text.Json.Nodes;
using Weft.Api.Kinds;
using Weft.Api.Validation;
using Weft.ControlPlane.Store;

namespace Weft.ControlPlane.Resources;

// Weft's batch apply (POST /apis/weft.io/v1/apply), used by `weft apply`: a declarative upsert of
// many objects that is all or nothing. Every item is admitted first and any error refuses the whole
// batch, each cause's field prefixed with its item ("items[3].spec.http[0].route[1].weight") so the
// client can point at the file and line. Then every item is planned against the current state and
// everything is committed in one store transaction that also guards the objects left unchanged, so
// what the result reports is exactly what the committed revision holds.
public sealed partial class ResourceService
{
    /// <summary>The namespace of namespaced items that name none (the client normally sets it).</summary>
    public const string DefaultNamespace = "default";

    private sealed record ApplyItem(int Index, JsonObject Body, KindInfo Kind, ResourceType Type, string Namespace, string Name, string Key, long? ResourceVersion)
    {
        public string Field => FieldPath.Index("items", Index);
    }

    private sealed record ApplyPlan(ApplyItem Item, KeyValue? Existing, JsonObject? Stored, ApplyAction Action);

    public async Task<ApplyResult> ApplyAsync(JsonNode? body, bool dryRun, CancellationToken ct)
    {
        var items = AdmitBatch(body);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var plans = new List<ApplyPlan>(items.Count);
            foreach (var item in items)
                plans.Add(await PlanAsync(item, ct));
            ThrowOnStaleVersions(plans);
            if (dryRun)
                return Result(plans, 0, dryRun: true);
            if (plans.All(p => p.Action == ApplyAction.Unchanged))
                return Result(plans, 0, dryRun: false);
            var compares = plans.Select(p => new Compare(p.Item.Key, p.Existing?.ModRevision ?? 0)).ToList();
            var ops = plans.Where(p => p.Action != ApplyAction.Unchanged)
                .Select(p => (TxnOp)new TxnOp.Put(p.Item.Key, StoredObjects.Serialize(p.Stored!))).ToList();
            var result = await store.TxnAsync(new Txn(compares, ops), ct);
            if (result.Succeeded)
            {
                var applied = Result(plans, result.Revision, dryRun: false);
                LogApplied(log, items.Count, Count(applied, ApplyAction.Created), Count(applied, ApplyAction.Configured),
                    Count(applied, ApplyAction.Unchanged), result.Revision);
                return applied;
            }
            // Someone else wrote one of these objects in between. An item that named its
            // resourceVersion now conflicts (the next plan says so); the others are planned again.
        }
        var first = items[0];
        throw Refused(first.Type, first.Name, Busy(first.Type, first.Name));
    }

    /// <summary>Reads the envelope and admits every item, refusing the batch with every error of every item.</summary>
    private List<ApplyItem> AdmitBatch(JsonNode? body)
    {
        if (body is not JsonObject envelope || envelope["items"] is not JsonArray array)
        {
            throw RefusedBatch(ApiStatus.BadRequest(
                "the apply body must be a List: {\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[...objects...]}"));
        }
        var errors = new List<StatusCause>();
        var messages = new List<string>();
        var invalidItems = 0;
        var items = new List<ApplyItem>(array.Count);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            var prefix = FieldPath.Index("items", i);
            var itemErrors = new List<FieldError>();
            var item = AdmitItem(i, array[i], itemErrors);
            if (item is not null && seen.TryGetValue(item.Key, out var firstIndex))
            {
                itemErrors.Add(new FieldError("metadata.name", FieldErrorKind.Duplicate,
                    $"Duplicate value: \"{item.Name}\": {item.Kind.Kind} {Describe(item.Namespace, item.Name)} is also items[{firstIndex}]"));
            }
            else if (item is not null)
            {
                seen[item.Key] = i;
            }
            if (itemErrors.Count > 0)
            {
                invalidItems++;
                foreach (var e in itemErrors)
                {
                    errors.Add(StatusCause.From(e, prefix));
                    messages.Add(e.Path.Length == 0 ? $"{prefix}: {e.Message}" : (e with { Path = FieldPath.Child(prefix, e.Path) }).Message);
                }
            }
            else if (item is not null)
            {
                items.Add(item);
            }
        }
        if (array.Count == 0)
            throw RefusedBatch(ApiStatus.BadRequest("the apply body has no items: there is nothing to apply"));
        if (errors.Count > 0)
        {
            throw RefusedBatch(new ApiStatus(422, "Invalid",
                $"{invalidItems} of {array.Count} objects are invalid, so none was applied: {ApiStatus.JoinMessages(messages)}",
                new StatusDetails(null, "weft.io", "List", errors)));
        }
        return items;
    }

    private ApplyItem? AdmitItem(int index, JsonNode? node, List<FieldError> errors)
    {
        if (node is not JsonObject given)
        {
            errors.Add(FieldError.WrongType("", "object", node?.GetValueKind().ToString().ToLowerInvariant() ?? "null"));
            return null;
        }
        var kind = admission.Resolve(given, out var kindError);
        if (kind is null)
        {
            errors.Add(kindError!);
            return null;
        }
        var body = (JsonObject)given.DeepClone();
        if (body["metadata"] is not JsonObject meta)
        {
            if (body["metadata"] is { } wrong)
            {
                errors.Add(FieldError.WrongType("metadata", "object", wrong.GetValueKind().ToString().ToLowerInvariant()));
                return null;
            }
            body["metadata"] = meta = new JsonObject();
        }
        var ns = "";
        if (kind.Namespaced)
        {
            ns = StoredObjects.String(meta, "namespace") is { Length: > 0 } givenNs ? givenNs : DefaultNamespace;
            meta["namespace"] = ns;
        }
        else
        {
            meta.Remove("namespace");
        }
        var name = StoredObjects.Name(body);
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "apply needs a name (generateName is only for create)"));
            return null;
        }
        long? rv = null;
        if (StoredObjects.String(meta, "resourceVersion") is { } rvText)
        {
            rv = ParseResourceVersion(rvText, "metadata.resourceVersion", out var rvError);
            if (rvError is not null)
                errors.Add(rvError);
        }
        body.Remove("status");
        errors.AddRange(admission.Admit(body).Errors);
        var type = ResourceType.Of(kind, VersionOf(body));
        return new ApplyItem(index, body, kind, type, ns, name, Key(type, ns, name), rv);
    }

    private async Task<ApplyPlan> PlanAsync(ApplyItem item, CancellationToken ct)
    {
        var existing = await store.GetAsync(item.Key, ct);
        if (existing is null)
        {
            if (item.ResourceVersion is not null)
                return new ApplyPlan(item, null, null, ApplyAction.Created);
            var created = StoredObjects.Build(item.Body, item.Namespace, item.Name, NewServerFields(), status: null);
            return new ApplyPlan(item, null, created, ApplyAction.Created);
        }
        var current = StoredObjects.Parse(existing.Value);
        var stored = Replace(current, item.Body, item.Namespace, item.Name);
        return StoredObjects.SameIgnoringVersion(stored, current)
            ? new ApplyPlan(item, existing, null, ApplyAction.Unchanged)
            : new ApplyPlan(item, existing, stored, ApplyAction.Configured);
    }

    /// <summary>Items that named a resourceVersion the object is no longer at refuse the whole batch with 409.</summary>
    private void ThrowOnStaleVersions(List<ApplyPlan> plans)
    {
        var causes = new List<StatusCause>();
        ApplyPlan? first = null;
        foreach (var p in plans)
        {
            if (p.Item.ResourceVersion is not { } rv || p.Existing?.ModRevision == rv)
                continue;
            first ??= p;
            var why = p.Existing is null
                ? $"the object does not exist, but the request names resourceVersion {rv}"
                : $"{ApiStatus.ModifiedMessage} (the request names resourceVersion {rv}, the object is at {p.Existing.ModRevision})";
            causes.Add(new StatusCause("FieldValueInvalid", why, FieldPath.Child(p.Item.Field, "metadata.resourceVersion")));
        }
        if (first is null)
            return;
        var message = first.Existing is null ? "the object does not exist" : ApiStatus.ModifiedMessage;
        if (causes.Count > 1)
            message += $" (and {causes.Count - 1} more conflicting objects: see details.causes)";
        var status = ApiStatus.Conflict(first.Item.Type, first.Item.Name, message, causes);
        throw RefusedBatch(status with { Message = status.Message.Replace($"\"{first.Item.Name}\":", $"\"{first.Item.Name}\" ({first.Item.Field}):", StringComparison.Ordinal) });
    }

    private static ApplyResult Result(List<ApplyPlan> plans, long revision, bool dryRun)
    {
        var items = plans.Select(p => new ApplyItemResult(
            StoredObjects.String(p.Item.Body, "apiVersion") ?? p.Item.Kind.PreferredApiVersion,
            p.Item.Kind.Kind,
            p.Item.Namespace,
            p.Item.Name,
            p.Action,
            p.Action == ApplyAction.Unchanged || dryRun
                ? p.Existing?.ModRevision.ToString(CultureInfo.InvariantCulture) ?? ""
                : revision.ToString(CultureInfo.InvariantCulture))).ToList();
        return new ApplyResult(items, revision, dryRun);
    }

    private static int Count(ApplyResult result, ApplyAction action) => result.Items.Count(i => i.Action == action);

    private static string VersionOf(JsonObject body)
    {
        var apiVersion = StoredObjects.String(body, "apiVersion") ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
    }

    private static string Describe(string ns, string name) => ns.Length == 0 ? name : $"{ns}/{name}";

    private ApiException RefusedBatch(ApiStatus status)
    {
        LogApplyRefused(log, status.Code, status.Reason, status.Message);
        return new ApiException(status);
    }
}
