package io.rebound.gateway.session;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface SessionRepository extends JpaRepository<InterviewSession, UUID> {

    List<InterviewSession> findByOwnerIdOrderByCreatedAtDesc(UUID ownerId);

    Optional<InterviewSession> findByIdAndOwnerId(UUID id, UUID ownerId);
}
