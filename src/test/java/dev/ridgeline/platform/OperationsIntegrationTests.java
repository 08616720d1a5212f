package dev.ridgeline.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.MockMvc;

import dev.ridgeline.test.RidgelineTest;

/** Health, metrics, headers and shutdown: what an operator relies on. */
@RidgelineTest
class OperationsIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Environment environment;

    @Test
    void healthIsPublicAndCoversTheDatabase() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
    }

    @Test
    void prometheusMetricsAreServedToThisMachineOnly() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(r -> {
                    r.setRemoteAddr("127.0.0.1");
                    return r;
                }))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("jvm_memory_used_bytes")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("hikaricp_connections")));
        int remote = mvc.perform(get("/actuator/prometheus").with(r -> {
            r.setRemoteAddr("203.0.113.9");
            return r;
        })).andReturn().getResponse().getStatus();
        assertThat(remote).isNotEqualTo(200);
    }

    @Test
    void pagesCarryAStrictContentSecurityPolicy() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    @Test
    void unknownPagesGetTheFriendlyErrorPage() throws Exception {
        mvc.perform(get("/no-such-page").accept("text/html")).andExpect(status().is3xxRedirection());
    }

    @Test
    void logsAreStructuredAndShutdownIsGraceful() {
        assertThat(environment.getProperty("logging.structured.format.file")).isEqualTo("ecs");
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
    }
}
