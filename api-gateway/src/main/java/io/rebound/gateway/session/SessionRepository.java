package io.rebound.gateway.session;

import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface SessionRepository extends JpaRepository<InterviewSession, UUID> {

    /** One page of an owner's sessions, in the order {@code pageable} sorts by, plus their total count. */
    Page<InterviewSession> findByOwnerId(UUID ownerId, Pageable pageable);

    Optional<InterviewSession> findByIdAndOwnerId(UUID id, UUID ownerId);

    boolean existsByIdAndOwnerId(UUID id, UUID ownerId);
}
