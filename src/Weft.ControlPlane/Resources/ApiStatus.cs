using System.Text.Json.Nodes;
using Weft.Api.Validation;

namespace Weft.ControlPlane.Resources;

/// <summary>One field-level reason for a failure (Kubernetes' StatusCause).</summary>
/// <param name="Reason">FieldValueRequired, FieldValueInvalid, ...</param>
/// <param name="Message">What is wrong, without the field path.</param>
/// <param name="Field">The field path (<c>items[3].spec.http[0].route[1].weight</c>).</param>
public sealed record StatusCause(string Reason, string Message, string Field)
{
    /// <summary>The cause for a field error, its reason named as the Kubernetes API server names it.</summary>
    public static StatusCause From(FieldError error, string? prefix = null) => new(
        ReasonOf(error),
        error.Reason,
        prefix is null ? error.Path : FieldPath.Child(prefix, error.Path));

    private static string ReasonOf(FieldError e) => e.Kind switch
    {
        FieldErrorKind.Required => "FieldValueRequired",
        FieldErrorKind.Invalid => "FieldValueInvalid",
        FieldErrorKind.NotSupported => "FieldValueNotSupported",
        FieldErrorKind.Duplicate => "FieldValueDuplicate",
        FieldErrorKind.Forbidden => "FieldValueForbidden",
        FieldErrorKind.TooLong => "FieldValueTooLong",
        FieldErrorKind.TooMany => "FieldValueTooMany",
        FieldErrorKind.Schema when e.Reason.StartsWith("in body must be of type", StringComparison.Ordinal) => "FieldValueTypeInvalid",
        FieldErrorKind.Schema => "FieldValueInvalid",
        // Kubernetes reports unknown fields as a decoding error without a cause type; Weft names it.
        FieldErrorKind.Unknown => "FieldValueUnknown",
        _ => "FieldValueInvalid",
    };
}

/// <summary>Which object a failure is about (Kubernetes' StatusDetails).</summary>
public sealed record StatusDetails(string? Name, string? Group, string? Kind, IReadOnlyList<StatusCause> Causes);

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

/// <summary>A request the resource layer refuses; the status says why, and the HTTP layer sends it as is.</summary>
public sealed class ApiException : Exception
{
    public ApiException(ApiStatus status) : base(status.Message) => Status = status;

    public ApiException() : this(ApiStatus.InternalError("unknown error"))
    {
    }

    public ApiException(string message) : this(ApiStatus.InternalError(message))
    {
    }

    public ApiException(string message, Exception innerException) : base(message, innerException) =>
        Status = ApiStatus.InternalError(message);

    public ApiStatus Status { get; }
}
