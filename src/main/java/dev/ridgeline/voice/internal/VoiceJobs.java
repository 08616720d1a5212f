package dev.ridgeline.voice.internal;

import java.io.Serializable;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

import dev.ridgeline.voice.VoiceService;

/** A call back the homeowner asked for is a scheduled task: it survives restarts and runs on one node. */
@Configuration(proxyBeanMethods = false)
public class VoiceJobs {

    public static final String CALL_BACK = "voice-call-back";

    /** Whom to call back, in whose name. */
    public record CallBack(UUID tenant, UUID lead, UUID user, String role, UUID previousCall) implements Serializable {
    }

    @Bean
    OneTimeTask<CallBack> voiceCallBackTask(ObjectProvider<VoiceService> voice) {
        return Tasks.oneTime(CALL_BACK, CallBack.class).execute((instance, ctx) -> voice.getObject()
                .callBack(instance.getData()));
    }
}
