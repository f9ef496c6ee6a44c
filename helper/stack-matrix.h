/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef STACK_MATRIX_H
#define STACK_MATRIX_H

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-rst
 * \brief The segment a third party injects into an ESTABLISHED connection with the client's
 * 4-tuple. RCV.NXT, RCV.WND and SND.NXT are the target's. Resets and the SYN carry no
 * timestamp option (a blind sender cannot know TS.Recent); the data segments carry the
 * client's last TSval and TSecr, as a sender that sees the flow would.
 */
enum class InjectedSegment
{
    IN_WINDOW_RST,     //!< R, seq = RCV.NXT + RCV.WND / 2
    EXACT_RST,         //!< R, seq = RCV.NXT
    IN_WINDOW_SYN,     //!< S, seq = RCV.NXT + RCV.WND / 2
    IN_WINDOW_DATA,    //!< P. 100 bytes at seq = RCV.NXT, ack = SND.NXT
    BAD_ACK_DATA,      //!< P. 100 bytes at seq = RCV.NXT, ack = SND.NXT - 2^30 (too old)
    OUT_OF_WINDOW_RST, //!< R, seq = RCV.NXT + RCV.WND + 2^20
};

/**
 * \ingroup tcp-rst
 * \brief What the injected segment did to the connection, as seen on the wire and in its state.
 */
enum class InjectionOutcome
{
    RESET,         //!< the connection ended (it accepted the reset, or sent one)
    CHALLENGE_ACK, //!< it answered with an ACK of nothing new and lives on
    ACCEPTED,      //!< it took the data (RCV.NXT moved past it)
    DROPPED,       //!< nothing was sent and nothing changed
};

/**
 * \ingroup tcp-rst
 * \brief One cell: a profile, a segment, the outcome and what showed it.
 */
struct StackMatrixCell
{
    std::string profile;      //!< the target's stack profile
    InjectedSegment segment;  //!< what was injected
    InjectionOutcome outcome; //!< what it did
    std::string evidence;     //!< the target's first segment after it, or its state change
};

/**
 * \ingroup tcp-rst
 * \brief The `stack-matrix` scenario: for each stack profile and each injected segment kind,
 * a fresh client (Linux) — router — server (the profile) simulation with one ESTABLISHED
 * connection; the segment is injected with the client's 4-tuple and the server's reaction
 * classified. The doc's table is this scenario's output (checked by a test).
 */
class StackMatrix
{
  public:
    /// \return every segment kind, in table order
    static const std::vector<InjectedSegment>& Segments();
    /// \param segment a kind \return its name, e.g. "in-window RST"
    static std::string SegmentName(InjectedSegment segment);
    /// \param outcome an outcome \return its name, e.g. "challenge ACK"
    static std::string OutcomeName(InjectionOutcome outcome);

    /**
     * \brief Run one cell in its own simulation (destroyed before returning).
     * \param profile the server's stack profile
     * \param segment what to inject
     * \return the cell
     * \throws std::invalid_argument for an unknown profile
     */
    static StackMatrixCell Probe(const std::string& profile, InjectedSegment segment);

    /**
     * \param profiles stack profiles (every one when empty)
     * \return every cell, profile by profile, in Segments() order
     */
    static std::vector<StackMatrixCell> Run(std::vector<std::string> profiles = {});

    /**
     * \brief The table: one row per segment kind, one column per profile.
     * \param cells what Run() returned
     * \param os where
     * \param rst true: the doc's reStructuredText list-table; false: plain text
     */
    static void Print(const std::vector<StackMatrixCell>& cells, std::ostream& os, bool rst);

    /**
     * \brief One CSV line per cell: profile,segment,outcome,evidence.
     * \param cells what Run() returned
     * \param os where
     */
    static void WriteCsv(const std::vector<StackMatrixCell>& cells, std::ostream& os);
};

} // namespace ns3

#endif /* STACK_MATRIX_H */
