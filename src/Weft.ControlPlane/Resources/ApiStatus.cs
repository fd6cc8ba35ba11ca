using System.Text.Json.Nodes;
using Weft.Api.Validation;

namespace Weft.ControlPlane.Resources;

/// <summary>
/// A failed request, as the Kubernetes API server reports it: a <c>Status</c> object with the HTTP
/// code, a machine-readable reason and a message for people. Clients of Kubernetes (and `weft`)
/// already know how to read these.
/// </summary>
public sealed record ApiStatus(int Code, string Reason, string Message, StatusDetails? Details = null)
{
    public static ApiStatus NotFound(ResourceType type, string name) =>
        new(404, "NotFound", $"{type.QualifiedPlural} \"{name}\" not found", type.Details(name));

    public static ApiStatus NotFound(string message) => new(404, "NotFound", message);

    public static ApiStatus AlreadyExists(ResourceType type, string name) =>
        new(409, "AlreadyExists", $"{type.QualifiedPlural} \"{name}\" already exists", type.Details(name));

    public const string ModifiedMessage = "the object has been modified; please apply your changes to the latest version and try again";

    public static ApiStatus Conflict(ResourceType type, string name, string why = ModifiedMessage, IReadOnlyList<StatusCause>? causes = null) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": {why}", type.Details(name, causes));

    /// <summary>422: every problem with one object, as <c>VirtualService.networking.istio.io "x" is invalid: [...]</c>.</summary>
    public static ApiStatus Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var qualified = group.Length == 0 ? kind : $"{kind}.{group}";
        return new(422, "Invalid", $"{qualified} \"{name}\" is invalid: {JoinMessages(errors.Select(e => e.Message).ToList())}",
            new StatusDetails(name, group, kind, errors.Select(e => StatusCause.From(e)).ToArray()));
    }

    public static ApiStatus BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiStatus Unauthorized(string message) => new(401, "Unauthorized", message);

    public static ApiStatus Gone(string message) => new(410, "Gone", message);

    public static ApiStatus MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiStatus InternalError(string message) => new(500, "InternalError", message);

    /// <summary>Kubernetes' way of listing errors in a message: one as is, several in brackets.</summary>
    public static string JoinMessages(IReadOnlyList<string> messages) =>
        messages.Count == 1 ? messages[0] : "[" + string.Join(", ", messages) + "]";

    /// <summary>The Status object, members in the API server's order; empty details are left out as it does.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is not null)
        {
            var details = new JsonObject();
            if (!string.IsNullOrEmpty(Details.Name))
                details["name"] = Details.Name;
            if (!string.IsNullOrEmpty(Details.Group))
                details["group"] = Details.Group;
            if (!string.IsNullOrEmpty(Details.Kind))
                details["kind"] = Details.Kind;
            if (Details.Causes.Count > 0)
            {
                var causes = new JsonArray();
                foreach (var c in Details.Causes)
                    causes.Add(new JsonObject { ["reason"] = c.Reason, ["message"] = c.Message, ["field"] = c.Field });
                details["causes"] = causes;
            }
            json["details"] = details;
        }
        json["code"] = Code;
        return json;
    }
}
