using Weft.Api.Documents;

namespace Weft.Api.Tests.Documents;

public class DocumentReaderTests
{
    [Fact]
    public void Every_document_keeps_its_index_and_line()
    {
        var (docs, errors) = DocumentReader.Read("a: 1\n---\n# only a comment\n---\nb:\n  c: [1, 2]\n", "x.yaml");

        errors.Should().BeEmpty();
        docs.Should().HaveCount(2);
        docs[0].Index.Should().Be(1);
        docs[1].Index.Should().Be(3, "the empty middle document still counts, as editors number them");
        docs[1].Start.Line.Should().Be(5);
        var b = ((MapNode)docs[1].Root!)["b"] as MapNode;
        b!["c"]!.Start.Should().Be(new Mark(6, 6));
    }

    [Theory]
    [InlineData("x: 1", ScalarKind.Integer)]
    [InlineData("x: '1'", ScalarKind.String)]
    [InlineData("x: 1.5", ScalarKind.Float)]
    [InlineData("x: true", ScalarKind.Boolean)]
    [InlineData("x: yes", ScalarKind.String)]
    [InlineData("x: null", ScalarKind.Null)]
    [InlineData("x: ~", ScalarKind.Null)]
    [InlineData("x:", ScalarKind.Null)]
    [InlineData("x: v1", ScalarKind.String)]
    [InlineData("x: 0x1F", ScalarKind.Integer)]
    [InlineData("{\"x\": \"1\"}", ScalarKind.String)]
    [InlineData("{\"x\": 1e3}", ScalarKind.Float)]
    public void Scalars_resolve_by_the_yaml_1_2_core_schema(string text, ScalarKind expected)
    {
        var (docs, _) = DocumentReader.Read(text, "t");
        ((ScalarNode)((MapNode)docs[0].Root!)["x"]!).Kind.Should().Be(expected);
    }

    [Fact]
    public void Duplicate_keys_with_different_values_are_reported_at_the_second_key()
    {
        var (_, errors) = DocumentReader.Read("a: 1\nb: 2\na: 3\n", "dup.yaml");
        errors.Should().ContainSingle().Which.Should().BeEquivalentTo(new { At = new Mark(3, 1), Message = "duplicate key \"a\" with a different value than on line 1" });
    }

    [Fact]
    public void A_key_repeated_with_the_same_value_is_read_once()
    {
        var (docs, errors) = DocumentReader.Read("kind: X\nkind: X\nb: 2\n", "dup.yaml");
        errors.Should().BeEmpty();
        ((MapNode)docs[0].Root!).Entries.Select(e => e.Key.Value).Should().Equal("kind", "b");
    }

    [Fact]
    public void A_literal_block_whose_first_line_is_only_spaces_is_read_as_kubernetes_reads_it()
    {
        var (docs, errors) = DocumentReader.Read("data:\n  config.yaml: |\n    \n    auth: false\n    x: 1\nnext: 2\n", "helm.yaml");
        errors.Should().BeEmpty();
        var data = (MapNode)((MapNode)docs[0].Root!)["data"]!;
        ((ScalarNode)data["config.yaml"]!).Value.Should().Be("\nauth: false\nx: 1\n");
        ((MapNode)docs[0].Root!)["next"]!.Start.Line.Should().Be(6);
    }

    [Fact]
    public void A_syntax_error_names_its_line()
    {
        var (_, errors) = DocumentReader.Read("a: 1\nb: {{ .Values.x }}\n", "tpl.yaml");
        errors.Should().ContainSingle();
        errors[0].At.Line.Should().Be(2);
        errors[0].Message.Should().Contain("template placeholder must be rendered");
        DocumentReader.Read("a: [1\nb: 2\n", "broken.yaml").Errors.Should().ContainSingle()
            .Which.Message.Should().StartWith("not valid YAML");
    }

    [Fact]
    public void Anchors_and_aliases_share_the_value()
    {
        var (docs, errors) = DocumentReader.Read("a: &x {k: v}\nb: *x\n", "t");
        errors.Should().BeEmpty();
        var m = (MapNode)docs[0].Root!;
        m["b"].Should().BeSameAs(m["a"]);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("1.0")]
    [InlineData("true")]
    [InlineData("yes")]
    [InlineData("")]
    [InlineData("a: b")]
    [InlineData("- x")]
    [InlineData("line1\nline2\n")]
    [InlineData("trailing \nspace")]
    [InlineData("*star")]
    [InlineData("quote\"inside")]
    [InlineData("{{ .Values.x }}")]
    public void Strings_written_as_yaml_read_back_unchanged(string value)
    {
        var yaml = NodeWriter.ToYaml(MapNode.Of(("k", ScalarNode.String(value)), ("list", new SeqNode([ScalarNode.String(value)]))));
        var (docs, errors) = DocumentReader.Read(yaml, "t");
        errors.Should().BeEmpty(yaml);
        var m = (MapNode)docs[0].Root!;
        ((ScalarNode)m["k"]!).Should().BeEquivalentTo(new { Value = value, Kind = ScalarKind.String }, yaml);
        ((ScalarNode)((SeqNode)m["list"]!).Items[0]).Value.Should().Be(value, yaml);
    }

    [Fact]
    public void Nested_structures_round_trip_through_yaml_and_json()
    {
        const string text = """
            apiVersion: v1
            kind: Thing
            spec:
              list:
              - name: a
                ports: [80, 443]
              - []
              - {}
              - nested:
                - x
              empty: {}
              n: null
              f: 1.5
            """;
        var (docs, _) = DocumentReader.Read(text, "t");
        var root = docs[0].Root!;
        var yaml = NodeWriter.ToYaml(root);
        var json = NodeWriter.ToJson(root);
        var (fromYaml, e1) = DocumentReader.Read(yaml, "y");
        var (fromJson, e2) = DocumentReader.Read(json, "j");
        e1.Should().BeEmpty(yaml);
        e2.Should().BeEmpty(json);
        NodeWriter.ToJson(fromYaml[0].Root!).Should().Be(json);
        NodeWriter.ToJson(fromJson[0].Root!).Should().Be(json);
    }
}
