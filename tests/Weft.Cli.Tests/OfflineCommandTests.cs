namespace Weft.Cli.Tests;

/// <summary>Commands that work without a control plane: validation, analysis, completion, version.</summary>
public class OfflineCommandTests
{
    private const string GoodNamespace = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: shop
        """;

    [Fact]
    public async Task Apply_dry_run_client_validates_without_a_control_plane()
    {
        using var cli = new CliRunner();
        var file = cli.Files.Write("ns.yaml", GoodNamespace);

        var r = await cli.RunAsync("apply", "-f", file, "--dry-run=client");

        r.ExitCode.Should().Be(0, r.Err);
        r.Out.Should().Be("namespace/shop validated (dry run)\n");
    }

    [Fact]
    public async Task An_invalid_document_is_refused_with_file_line_document_and_field_path()
    {
        using var cli = new CliRunner();
        var file = cli.Files.Write("bad.yaml", GoodNamespace + "\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: Not_Valid\n");

        var r = await cli.RunAsync("apply", "-f", file, "--dry-run=client");

        r.ExitCode.Should().Be(1);
        r.Out.Should().BeEmpty("nothing of a file with an error is applied");
        r.Err.Should().StartWith($"error: {file}:9:9: document 2 (Namespace Not_Valid): metadata.name: Invalid value: \"Not_Valid\": a lowercase RFC 1123 label");
        r.Err.Should().EndWith($"error: {file}: nothing applied (1 error)\n");
    }

    [Fact]
    public async Task An_unknown_field_names_the_closest_known_one()
    {
        using var cli = new CliRunner();
        var file = cli.Files.Write("typo.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  nmae: shop\n");

        var r = await cli.RunAsync("apply", "-f", file, "--dry-run=client");

        r.ExitCode.Should().Be(1);
        r.Err.Should().Contain($"{file}:4:3: document 1 (Namespace): metadata.nmae: unknown field \"nmae\"; did you mean \"name\"?");
    }

    [Fact]
    public async Task A_missing_path_is_one_line_with_exit_code_2()
    {
        using var cli = new CliRunner();

        var r = await cli.RunAsync("apply", "-f", "/no/such/file.yaml", "--dry-run=client");

        r.ExitCode.Should().Be(2);
        r.Err.Should().Be("error: the path \"/no/such/file.yaml\" does not exist\n");
    }

    [Fact]
    public async Task Analyze_offline_reports_schema_errors_as_IST0106_and_exits_1()
    {
        using var cli = new CliRunner();
        var dir = cli.Files.Path;
        cli.Files.Write("a/ok.yaml", GoodNamespace);
        cli.Files.Write("a/bad.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: Bad_Name\n");

        var r = await cli.RunAsync("analyze", "-f", dir, "-o", "json");

        r.ExitCode.Should().Be(1, r.Err);
        r.Out.Should().Contain("\"code\": \"IST0106\"").And.Contain("\"level\": \"Error\"").And.Contain("\"origin\": \"Namespace Bad_Name\"")
            .And.Contain("Schema validation error: metadata.name: Invalid value: \\\"Bad_Name\\\"");
    }

    [Fact]
    public async Task Analyze_offline_of_clean_files_says_so_and_exits_0()
    {
        using var cli = new CliRunner();
        var file = cli.Files.Write("ok.yaml", GoodNamespace);

        var r = await cli.RunAsync("analyze", file);

        r.ExitCode.Should().Be(0, r.Out + r.Err);
        r.Err.Should().Be("\u2714 No validation issues found when analyzing the given files.\n");
    }

    [Fact]
    public async Task Analyze_of_text_that_is_not_yaml_exits_2()
    {
        using var cli = new CliRunner();
        var file = cli.Files.Write("broken.yaml", "a: [1\nb: 2\n");

        var r = await cli.RunAsync("analyze", "-f", file);

        r.ExitCode.Should().Be(2);
        r.Err.Should().Contain("not valid YAML");
    }

    [Fact]
    public async Task Standard_input_is_read_with_dash()
    {
        using var cli = new CliRunner();

        var r = await cli.RunWithInputAsync(GoodNamespace, "apply", "-f", "-", "--dry-run=client");

        r.ExitCode.Should().Be(0, r.Err);
        r.Out.Should().Be("namespace/shop validated (dry run)\n");
    }

    [Fact]
    public async Task Unreachable_control_plane_is_one_clear_line()
    {
        using var cli = new CliRunner();
        var file = cli.Files.Write("ns.yaml", GoodNamespace);

        var r = await cli.RunAsync("--server", "http://127.0.0.1:1", "apply", "-f", file);

        r.ExitCode.Should().Be(1);
        r.Err.Should().StartWith("error: cannot reach the Weft control plane at http://127.0.0.1:1 (");
        r.Err.Trim().Split('\n').Should().ContainSingle("an error is one line, never a stack trace");
    }

    [Fact]
    public async Task Completion_prints_a_bash_script()
    {
        using var cli = new CliRunner();

        var r = await cli.RunAsync("completion", "bash");

        r.ExitCode.Should().Be(0);
        r.Out.Should().Contain("complete -o default -F _weft_complete weft");
    }

    [Fact]
    public async Task Suggestions_complete_command_names()
    {
        using var cli = new CliRunner();

        var r = await cli.RunAsync("[suggest:7]", "weft ap");

        r.Out.Split('\n').Should().Contain("apply");
    }

    [Fact]
    public async Task A_kind_that_does_not_exist_is_a_clear_error()
    {
        using var cli = new CliRunner();

        var r = await cli.RunAsync("--server", "http://127.0.0.1:1", "get", "virtualservicez");

        r.ExitCode.Should().Be(1);
        r.Err.Should().StartWith("error: ");
    }

    [Fact]
    public async Task Api_resources_lists_every_kind_with_what_weft_does_with_it()
    {
        using var cli = new CliRunner();

        var r = await cli.RunAsync("api-resources");

        r.ExitCode.Should().Be(0);
        r.Out.Split('\n')[0].Should().MatchRegex(@"^NAME\s+SHORTNAMES\s+APIVERSION\s+NAMESPACED\s+KIND\s+WEFT$");
        r.Out.Should().MatchRegex(@"virtualservices\s+vs\s+networking.istio.io/v1\s+true\s+VirtualService\s+acts on it");
        r.Out.Should().MatchRegex(@"deployments\s+deploy\s+apps/v1\s+true\s+Deployment\s+stores as written");
        r.Out.Should().MatchRegex(@"envoyfilters\s+networking.istio.io/v1alpha3\s+true\s+EnvoyFilter\s+validates and stores");
    }
}
