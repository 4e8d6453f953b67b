import Testing
import VigilCore
import VigilRemediate

@Suite struct TemplateTests {
    @Test func substitutesWithOrWithoutSpaces() throws {
        #expect(try Template.render("restart {{service}} on {{ host }}", ["service": "api", "host": "n1"]) == "restart api on n1")
        #expect(try Template.render("no templates", [:]) == "no templates")
        #expect(try Template.render("{{a}}{{b}}", ["a": "1", "b": "2"]) == "12")
    }

    @Test func unknownVariablesAreErrorsNotBlanks() {
        #expect(throws: TemplateError.unknownVariable("servce", known: ["service"])) { try Template.render("{{servce}}", ["service": "x"]) }
        #expect(throws: TemplateError.unclosed("{{service")) { try Template.render("{{service", ["service": "x"]) }
    }

    @Test func planVariablesIncludeLabelsAndHosts() throws {
        let v = TemplateVariables.make(component: "inventory", cause: .diskFull, hosts: ["n1", "n2"], incidentID: "inc_1",
                                       planID: "plan_1", labels: ["mountpoint": "/var", "service": "inv-svc"])
        #expect(try Template.render("{{host}} {{hosts}} {{labels.mountpoint}} {{service}} {{component}} {{cause}}", v)
                == "n1 n1,n2 /var inv-svc inventory disk_full")
        #expect(Template.variables(in: "{{ a }} and {{b}}") == ["a", "b"])
    }
}
